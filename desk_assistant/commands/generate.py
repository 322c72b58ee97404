"""`desk-assistant generate --prompt TEXT`: raw generation, for debugging models."""

from __future__ import annotations

import sys

from .. import i18n
from ..errors import EXIT_OK
from ..llm.engine import GenerationParams
from ..llm.runtime import open_model, resolve_model
from .common import add_model_option


def register(sub) -> None:
    p = sub.add_parser(
        "generate",
        help=i18n.tr(
            "プロンプトからそのまま生成（デバッグ用）", "raw generation from a prompt (debugging)"
        ),
    )
    p.add_argument("--prompt", required=True, help=i18n.tr("プロンプト", "prompt text"))
    add_model_option(p)
    p.add_argument("--max-tokens", type=int, default=128)
    p.add_argument("--temperature", type=float, default=0.0)
    p.add_argument(
        "--chat",
        action="store_true",
        help=i18n.tr("チャットテンプレートで送る", "send as a chat message (template)"),
    )
    p.set_defaults(handler=cmd_generate)


def cmd_generate(args) -> int:
    settings = args.settings
    info = resolve_model(args.model, "general", settings)
    params = GenerationParams(max_tokens=args.max_tokens, temperature=args.temperature)
    prompt = [{"role": "user", "content": args.prompt}] if args.chat else args.prompt
    with open_model(info, settings, policy=args.security.policy) as opened:
        for piece in opened.engine.stream(prompt, params):
            sys.stdout.write(piece)
            sys.stdout.flush()
    sys.stdout.write("\n")
    return EXIT_OK
