"""spaCy components of the protocol-facts pipeline, one module per component."""
