"""Print, as JSON, what Tutor renders from the szpon plugin for a project: its init tasks, the
named patches and the public hosts.

Run in a child process (``python -m tests.tutor_config.render ROOT PATCH…``): Tutor's hooks are
process-wide, so loading a project must not leak into the test process.
"""

import json
import sys

from tutor import config as tutor_config
from tutor import env, hooks


def main(root: str, patch_names: list[str]) -> None:
    hooks.Actions.CORE_READY.do()
    hooks.Actions.PROJECT_ROOT_READY.do(root)
    config = tutor_config.load(root)
    renderer = env.Renderer(config)
    tasks = [
        {"service": service, "script": env.render_str(config, script)}
        for service, script in hooks.Filters.CLI_DO_INIT_TASKS.iterate_from_context(
            hooks.Contexts.app("szpon").name
        )
    ]
    patches = {name: renderer.patch(name) for name in patch_names}
    public_hosts = {
        context: [
            env.render_str(config, host)
            for host in hooks.Filters.APP_PUBLIC_HOSTS.apply([], context)
        ]
        for context in ("local", "dev")
    }
    json.dump({"init_tasks": tasks, "patches": patches, "public_hosts": public_hosts}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
