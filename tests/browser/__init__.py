# A package, so browser tests may share a name with the non-browser tests
# (tests/test_x.py and tests/browser/test_x.py) without clashing in pytest.
