"""XBlocks for course pages (one package per block); the blocks arrive with their issues."""
