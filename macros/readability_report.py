"""The 'How readable is this site?' report page."""


def register(env):
    pass
