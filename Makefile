# The two commands: `make run` (quick start on http://127.0.0.1:8000) and `make test`
# (everything CI checks). Needs only Python 3.11 and make; the rest comes from PyPI.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-from-lock
SECRET := var/secret_key
KEYS := var/field_encryption_keys var/field_hash_key
PYTEST_ARGS ?=
LOCK_ARGS ?=

.PHONY: run test lint e2e bench lock clean

run: export DEBUG := 1
run: $(STAMP) $(SECRET) $(KEYS)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@echo "Demo logins: var/demo-logins.txt. Admin: http://127.0.0.1:8000/admin/"
	@# The periodic jobs (reminders, offers, visits due, digests, the outbox) in the background,
	@# stopped with the server.
	$(BIN)/python manage.py run_jobs --interval 60 & jobs=$$!; \
		trap 'kill $$jobs' EXIT INT TERM; \
		$(BIN)/python manage.py runserver 127.0.0.1:8000

# pytest exits 5 when it collected no test; make treats that as a failure, as it should.
test: lint $(SECRET) $(KEYS)
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

# The pre-commit hooks (.pre-commit-config.yaml: ruff check, ruff format, djhtml) over every
# tracked file; a hook that changes a file fails, and the diff is shown.
lint: $(STAMP)
	$(BIN)/pre-commit run --all-files --show-diff-on-failure

e2e: $(STAMP)
	$(BIN)/pytest -m e2e $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python tests/bench/load.py

# Re-pin after editing pyproject.toml; `make lock LOCK_ARGS=--upgrade` moves every pin forward.
lock: $(BIN)/python
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --extra dev --strip-extras --generate-hashes \
		--no-emit-index-url --no-emit-find-links $(LOCK_ARGS) -o requirements.lock pyproject.toml

# Keeps var/ (database, secret key, media); removes the venv and generated files.
clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache var/static tests/output
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Python 3.11 not found: install it or pass PYTHON=/path/to/python3.11"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || \
		{ echo "$(PYTHON) is not Python 3.11: pass PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Installs again only when requirements.lock is newer than the last install.
$(STAMP): requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --disable-pip-version-check -r requirements.lock
	touch $@

# Development keys, written once; production sets SECRET_KEY, FIELD_ENCRYPTION_KEYS and
# FIELD_HASH_KEY in the environment instead.
$(SECRET):
	@mkdir -p var
	@umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@
	@echo "Wrote a development secret key to $@"

var/field_encryption_keys:
	@mkdir -p var
	@umask 077 && $(PYTHON) -c 'import base64, os; print(base64.urlsafe_b64encode(os.urandom(32)).decode())' > $@
	@echo "Wrote a development key for children's personal fields to $@"

var/field_hash_key:
	@mkdir -p var
	@umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(32))' > $@
