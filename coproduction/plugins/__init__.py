"""MkDocs glue. Each plugin checks its options, then calls plain Python."""
