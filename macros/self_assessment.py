"""The self-assessment form, built from data/self-assessment.yml."""


def register(env):
    pass
