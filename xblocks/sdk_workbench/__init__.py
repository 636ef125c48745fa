"""Settings and a user shim for running both blocks in the XBlock SDK workbench against a
running collaboration service (see scripts/workbench.sh). Never loaded by Open edX."""
