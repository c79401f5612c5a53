"""Tables built from processed Docs: facts, one table per label, trials, errors and documents."""
