.PHONY: run test lint messages

run:  ## Run the service on the embedded default with demo data
	scripts/run.sh

test:  ## Run ruff and the whole test suite on PostgreSQL and MariaDB
	scripts/test.sh

messages:  ## Refresh the Polish message catalogues of the service and the plugin app
	cd collab_service && ../.venv/bin/szpon-collab makemessages -l pl --no-location --ignore "tests/*" && ../.venv/bin/szpon-collab compilemessages
	cd edx_plugins/szpon && DJANGO_SETTINGS_MODULE=tests.settings PYTHONPATH=$(CURDIR) ../../.venv/bin/python -m django makemessages -l pl --no-location && DJANGO_SETTINGS_MODULE=tests.settings PYTHONPATH=$(CURDIR) ../../.venv/bin/python -m django compilemessages
