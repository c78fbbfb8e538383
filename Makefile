# RAR Insats — two commands: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TESTSTAMP := $(VENV)/.installed-test

.PHONY: run test install migrate demodata check-deploy vendor clean backup restore bench

$(PY):
	@PYTHON=$$(scripts/find-python) && echo "Skapar virtualenv med $$PYTHON" && $$PYTHON -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(TESTSTAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

install: $(STAMP)

migrate: $(STAMP)
	$(PY) manage.py migrate --noinput

demodata: migrate
	$(PY) manage.py demodata

## make run: install, migrate, load demo data (printing the demo logins) and serve http://127.0.0.1:8000
## (the task worker runs beside the server: it sends notification e-mail, never the request).
## Ctrl-C (or SIGTERM) stops both and the embedded PostgreSQL, without a traceback (scripts/run-dev).
run: demodata
	$(PY) scripts/run-dev 127.0.0.1:8000

## make test: install what the tests need and run the whole suite on PostgreSQL, one pytest-xdist worker per core
## (each worker has its own test database, demo template and live server; --dist loadgroup keeps a file's
## xdist_group together, e.g. the clean-stop tests, which start and stop servers of their own)
test: $(TESTSTAMP)
	scripts/ensure-chromium
	$(PY) -m pytest -n auto --dist loadgroup

check-deploy: $(STAMP)
	DEBUG=0 SECRET_KEY=$$(head -c 48 /dev/urandom | base64) DATABASE_URL=postgres://x@127.0.0.1/x \
	ALLOWED_HOSTS=rar.example.se $(PY) manage.py check --deploy --fail-level WARNING

## make bench: generate a small and a large data set, measure, and rewrite BENCHMARKS.md (about 10 minutes;
## python -m benchmarks.run --quick tries the whole pipeline on tiny data)
bench: $(STAMP)
	scripts/ensure-wrk
	$(PY) -m benchmarks.run

## make backup: one archive backups/rar-<time>.tar with the database dump, the documents and a manifest of checksums
backup: $(STAMP)
	$(PY) manage.py sakerhetskopiera

## make restore FILE=backups/rar-….tar: check the archive against its manifest, then replace the database and the documents
restore: $(STAMP)
	@test -n "$(FILE)" || (echo "Ange filen: make restore FILE=backups/rar-….tar" && exit 2)
	$(PY) manage.py aterstall "$(FILE)" --ja

## Refresh the vendored front-end files from the npm registry (committed; never loaded from a CDN)
vendor:
	scripts/vendor-assets

clean:
	rm -rf $(VENV) .pytest_cache
