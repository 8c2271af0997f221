"""Build-step code for the Co-production Model site.

Plain Python with no MkDocs imports, so it can move to another site generator:
  model       - load and check data/model.yml and data/quotes.yml
  datafile    - read YAML with line numbers for clear error messages
  atomic      - write outputs so a failed build never leaves half a file
The MkDocs glue lives in coproduction.plugins and stays thin.
"""
