"""XBlocks for course pages, one package per block; ``common`` holds what they share and
``sdk_workbench`` runs them in the XBlock SDK workbench."""
