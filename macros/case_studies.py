"""The case-study index, built from each case study's front matter."""


def register(env):
    pass
