"""The commands of ``./run`` (and ``mena``): what they print to editors and their exit codes."""
