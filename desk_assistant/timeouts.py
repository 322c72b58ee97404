"""Time limits of the engine (base layer: llm/ uses them, selftest reports them).

A chat template comes with the model file and a backend can hang: neither may
keep a task waiting for ever (issue 14, F14).
"""

TEMPLATE_SECONDS = 5.0  # rendering a GGUF chat template (range counts against it)
FIRST_TOKEN_SECONDS = 900.0  # request sent -> first token: template + prompt evaluation
TOKEN_GAP_SECONDS = 300.0  # between two tokens of one generation
