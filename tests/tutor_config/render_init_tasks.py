"""Print, as JSON, the szpon plugin's init tasks rendered with a Tutor project's configuration.

Run in a child process (``python -m tests.tutor_config.render_init_tasks ROOT``): Tutor's hooks
are process-wide, so loading a project must not leak into the test process.
"""

import json
import sys

from tutor import config as tutor_config
from tutor import env, hooks


def main(root: str) -> None:
    hooks.Actions.CORE_READY.do()
    hooks.Actions.PROJECT_ROOT_READY.do(root)
    config = tutor_config.load(root)
    tasks = [
        {"service": service, "script": env.render_str(config, script)}
        for service, script in hooks.Filters.CLI_DO_INIT_TASKS.iterate_from_context(
            hooks.Contexts.app("szpon").name
        )
    ]
    json.dump(tasks, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
