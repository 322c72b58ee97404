"""`desk-assistant generate --prompt TEXT`: raw generation, for debugging models."""

from __future__ import annotations

import hashlib
import sys

from .. import i18n
from ..errors import EXIT_OK, FeatureDisabledError
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


# Raw generation runs the model like any task: with every task disabled, it is off too.
MODEL_TASKS = ("translate", "summarize", "proofread")


def require_generate_allowed(policy) -> None:
    if not any(policy.feature_enabled(task) for task in MODEL_TASKS):
        raise FeatureDisabledError(feature="generate")


def cmd_generate(args) -> int:
    settings = args.settings
    require_generate_allowed(args.security.policy)
    info = resolve_model(args.model, "general", settings)
    params = GenerationParams(max_tokens=args.max_tokens, temperature=args.temperature)
    prompt = [{"role": "user", "content": args.prompt}] if args.chat else args.prompt
    # Started before the model loads: a run killed while streaming still left a record.
    with args.security.audit.start(
        task="generate",
        input_sha256=hashlib.sha256(args.prompt.encode("utf-8")).hexdigest(),
        model_id=info.id,
    ) as job:
        with open_model(info, settings, policy=args.security.policy) as opened:
            job.model_sha256 = opened.sha256 or None
            for piece in opened.engine.stream(prompt, params):
                sys.stdout.write(piece)
                sys.stdout.flush()
    sys.stdout.write("\n")
    return EXIT_OK
