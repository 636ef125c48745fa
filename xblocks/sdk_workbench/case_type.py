"""Print the number of a case type of an institution, read from the service's public list.

python -m xblocks.sdk_workbench.case_type SERVICE_URL INSTITUTION_SLUG CASE_TYPE_SLUG
"""

import json
import sys
import urllib.request


def main(service_url: str, institution: str, slug: str) -> int:
    url = f"{service_url.rstrip('/')}/api/v1/public/institutions/{institution}/case-types/"
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:  # noqa: S310 (our own service)
            found = json.load(answer)
    except (OSError, ValueError) as exc:
        print(f"Could not read {url}: {exc}", file=sys.stderr)
        return 1
    items = found.get("results", []) if isinstance(found, dict) else found
    for item in items:
        if item.get("slug") == slug:
            print(item["id"])
            return 0
    print(f"{institution} has no case type {slug}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
