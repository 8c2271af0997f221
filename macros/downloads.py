"""The PDF download button and preview (print kit)."""


def register(env):
    pass
