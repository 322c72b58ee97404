"""Batched decoding in the engine child: several prompts in flight in one llama.cpp context.

On a CPU or GPU, one decoding step reads every weight of the model once; with N
sequences in the same step the weights are read once for all N, so aggregate
tokens per second rise while each sequence's own speed falls a little.

- The prompts' shared prefix (instruction, examples, glossary header) is evaluated
  once on sequence 0, kept between calls, and copied to each sequence that starts
  (seq_cp); only each prompt's own tail is evaluated per sequence.
- Continuous batching: a sequence that finishes frees its slot at once and the
  next prompt starts there in the next step.
- Every sequence samples with the same sampler chain llama-cpp-python's `Llama`
  builds for a single completion, and stops the same way (end of generation,
  max_tokens, the first stop string).
- At temperature 0 the answers equal sequential ones, by construction: llama.cpp's
  CPU kernels give bit-identical rows only when a row meets the same kernel, and
  the kernel depends on how many tokens a llama_decode holds (n = 1: dot products;
  n >= 2: llamafile's tinyBLAS, whose Q8_0/Q5_0 sums equal the dot products but whose
  F16 attention sums do not; n >= 8: ggml's tiled K-quant kernels, off in the engine
  child, see worker._exact_kernels). So each prompt tail is evaluated in a decode of
  its own (n >= 2, as a sequential call evaluates it, never sliced into 1-token
  pieces beside generating sequences), and a generation step holds one token per
  sequence (per sequence n = 1, as in a sequential step).
- Memory: one KV stream per sequence (non-unified cache), each `n_ctx_seq` cells,
  so a prompt that fits a sequential call fits here; total (n_seq + 1) x n_ctx_seq.

Child only: imports llama_cpp; `send(msg)` writes to the parent's pipe.
"""

from __future__ import annotations

import codecs
import ctypes
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

PREFIX_SEQ = 0  # holds the shared prefix; jobs run on sequences 1..n_seq


@dataclass
class BatchJob:
    req_id: int
    tokens: list[int]
    params: dict
    stops: list[str]
    max_tokens: int


@dataclass
class _Running:
    job: BatchJob
    seq: int
    sampler: object
    pending: list[int]  # the sampled token to feed in the next generation step
    pos: int  # position of the next token fed
    started: float
    decoder: codecs.IncrementalDecoder = field(
        default_factory=lambda: codecs.getincrementaldecoder("utf-8")(errors="ignore")
    )
    generated: list[int] = field(default_factory=list)
    raw: bytearray = field(default_factory=bytearray)
    sent: int = 0  # bytes of `raw` already decoded and sent
    first_at: float | None = None
    logit_index: int = -1


def common_prefix(token_lists: list[list[int]]) -> int:
    if not token_lists:
        return 0
    first = token_lists[0]
    n = min(len(t) for t in token_lists)
    for other in token_lists[1:]:
        i = 0
        limit = min(n, len(other))
        while i < limit and first[i] == other[i]:
            i += 1
        n = i
    return n


def chunk_sizes(n: int, limit: int) -> list[int]:
    """Decode sizes for n tokens, each <= limit and none of one token when n > 1
    (a one-token decode meets other kernels than a longer one)."""
    sizes = [limit] * (n // limit) + ([n % limit] if n % limit else [])
    if len(sizes) > 1 and sizes[-1] == 1:
        sizes[-2] -= 1
        sizes[-1] = 2
    return sizes


def _held_back(raw: bytes, stops: list[bytes]) -> int:
    """Bytes at the end of `raw` that may be the start of a stop string (not sent yet)."""
    hold = 0
    for stop in stops:
        for k in range(min(len(stop) - 1, len(raw)), 0, -1):
            if raw.endswith(stop[:k]):
                hold = max(hold, k)
                break
    return hold


class BatchDecoder:
    """A second llama.cpp context of the loaded model, with n_seq + 1 sequences."""

    def __init__(self, llm, n_seq: int, n_ctx_seq: int) -> None:
        import llama_cpp

        self.llm = llm
        self.n_seq = n_seq
        self.n_ctx_seq = n_ctx_seq
        params = type(llm.context_params).from_buffer_copy(llm.context_params)
        params.n_seq_max = n_seq + 1
        params.n_ctx = n_ctx_seq * (n_seq + 1)
        # One stream per sequence: each sees its own cells in the same order as a
        # sequential call would (identical attention sums), and seq_cp copies the prefix.
        params.kv_unified = False
        self.n_batch = int(params.n_batch)
        self.ctx = llama_cpp.llama_init_from_model(llm._model.model, params)
        if self.ctx is None:
            raise MemoryError("llama_init_from_model failed for the batch context")
        self.mem = llama_cpp.llama_get_memory(self.ctx)
        self.batch = llama_cpp.llama_batch_init(self.n_batch, 0, 1)
        self.prefix: list[int] = []
        self.vocab = llm._model.vocab

    def close(self) -> None:
        import llama_cpp

        if self.batch is not None:
            llama_cpp.llama_batch_free(self.batch)
            self.batch = None
        if self.ctx is not None:
            llama_cpp.llama_free(self.ctx)
            self.ctx = None

    # --- llama.cpp calls ----------------------------------------------------------

    def _decode(self, items: list[tuple[int, int, int, bool]]) -> None:
        """items: (token, pos, seq, wants_logits)."""
        import llama_cpp

        b = self.batch
        for i, (token, pos, seq, logits) in enumerate(items):
            b.token[i] = token
            b.pos[i] = pos
            b.n_seq_id[i] = 1
            b.seq_id[i][0] = seq
            b.logits[i] = logits
        b.n_tokens = len(items)
        rc = llama_cpp.llama_decode(self.ctx, b)
        if rc != 0:
            raise RuntimeError(f"llama_decode returned {rc}")

    def _seq_rm(self, seq: int, p0: int = -1) -> bool:
        import llama_cpp

        return bool(llama_cpp.llama_memory_seq_rm(self.mem, seq, p0, -1))

    def _set_prefix(self, tokens: list[int]) -> int:
        """Sequence 0 holds `tokens`, reusing what it held before; returns tokens evaluated."""
        keep = common_prefix([self.prefix, tokens])
        if len(tokens) - keep == 1 and keep > 0:
            keep -= 1  # never a one-token decode (see the module doc)
        if keep < len(self.prefix) and not self._seq_rm(PREFIX_SEQ, keep):
            self._seq_rm(PREFIX_SEQ)
            keep = 0
        self.prefix = self.prefix[:keep]
        rest = tokens[keep:]
        start = 0
        for size in chunk_sizes(len(rest), self.n_batch):
            chunk = rest[start : start + size]
            self._decode([(t, keep + start + i, PREFIX_SEQ, False) for i, t in enumerate(chunk)])
            self.prefix.extend(chunk)
            start += size
        return len(rest)

    def _sampler(self, params: dict):
        # The chain Llama.generate builds for one completion (penalties over the last
        # 64 generated tokens, then greedy or top-k/top-p/min-p/temperature/dist).
        llm = self.llm
        llm.set_seed(int(params.get("seed", 0)))
        return llm._init_sampler(
            top_k=int(params.get("top_k", 40)),
            top_p=float(params.get("top_p", 1.0)),
            min_p=0.05,
            typical_p=1.0,
            temp=float(params.get("temperature", 0.0)),
            repeat_penalty=float(params.get("repeat_penalty", 1.0)),
        )

    # --- the loop -----------------------------------------------------------------

    def run(
        self,
        jobs: list[BatchJob],
        send: Callable[[tuple], None],
        stop_requests: Callable[[], set[int]],
        batch_id: int,
    ) -> dict:
        """Decode every job; send ("token", req_id, text) and ("done", req_id, stats).
        `stop_requests()` returns request ids to stop now (batch_id: stop all)."""
        import llama_cpp

        started = time.perf_counter()
        shared = common_prefix([j.tokens for j in jobs])
        # Each job keeps a tail of its own (two tokens where it can: a one-token tail meets
        # other attention kernels than a sequential call's prompt evaluation).
        shortest = min(len(j.tokens) for j in jobs)
        shared = max(0, min(shared, shortest - (2 if shortest > 2 else 1)))
        prefix_evaluated = self._set_prefix(jobs[0].tokens[:shared])
        queue = deque(jobs)
        free = list(range(1, self.n_seq + 1))
        running: dict[int, _Running] = {}
        self.steps = self.tokens_out = 0
        cancelled_all = False
        while queue or running:
            stop = stop_requests()
            if batch_id in stop:
                cancelled_all = True
            for r in list(running.values()):
                if cancelled_all or r.job.req_id in stop:
                    self._finish(r, running, free, send, cancelled=True)
            if cancelled_all:
                for job in queue:
                    send(("done", job.req_id, {"cancelled": True, "completion_tokens": 0}))
                queue.clear()
                break
            while queue and free:
                job = queue.popleft()
                if job.req_id in stop:
                    send(("done", job.req_id, {"cancelled": True, "completion_tokens": 0}))
                    continue
                seq = free.pop(0)
                self._seq_rm(seq)
                if shared:
                    llama_cpp.llama_memory_seq_cp(self.mem, PREFIX_SEQ, seq, -1, -1)
                r = _Running(job, seq, self._sampler(job.params), [], shared, time.perf_counter())
                running[seq] = r
                self._prefill(r, job.tokens[shared:])
                self._take(r, running, free, send)
            if not running:
                continue
            # One generation step: each sequence's last token, in sequence order, so that
            # llama.cpp's equal split keeps consecutive sequences in one micro-batch.
            stepping = [running[seq] for seq in sorted(running)]
            items = []
            for r in stepping:
                r.logit_index = len(items)
                items.append((r.pending[0], r.pos, r.seq, True))
                r.pos += 1
            self._decode(items)
            self.steps += 1
            for r in stepping:
                self._take(r, running, free, send)
        return {
            "cancelled": cancelled_all,
            "steps": self.steps,
            "completion_tokens": self.tokens_out,
            "prefix_tokens": shared,
            "prefix_evaluated": prefix_evaluated,
            "seconds": time.perf_counter() - started,
        }

    def _prefill(self, r: _Running, tail: list[int]) -> None:
        """The prompt's own tail in decodes of its own (see the module doc)."""
        start = 0
        for size in chunk_sizes(len(tail), self.n_batch):
            last = start + size == len(tail)
            self._decode(
                [
                    (t, r.pos + i, r.seq, last and i == size - 1)
                    for i, t in enumerate(tail[start : start + size])
                ]
            )
            r.pos += size
            start += size
            self.steps += 1
            r.logit_index = size - 1

    def _take(self, r: _Running, running, free, send) -> None:
        """Sample `r`'s next token from the last decode; finish it or queue the token."""
        import llama_cpp

        token = r.sampler.sample(_CtxRef(self.ctx), r.logit_index)
        r.logit_index = -1
        self.tokens_out += 1
        if r.first_at is None:
            r.first_at = time.perf_counter()
        if llama_cpp.llama_vocab_is_eog(self.vocab, token):
            self._finish(r, running, free, send)
            return
        r.generated.append(token)
        r.raw += self.llm._model.detokenize([token])
        if self._emit(r, send) or len(r.generated) >= r.job.max_tokens:
            self._finish(r, running, free, send)
            return
        r.pending = [token]

    def _emit(self, r: _Running, send) -> bool:
        """Send the new text of `r`; True when a stop string ended it."""
        raw = bytes(r.raw)
        stops = [s.encode("utf-8") for s in r.job.stops if s]
        found = [s for s in stops if s in raw]
        if found:
            end = raw.index(found[0])  # the first stop in list order, as Llama does
            r.raw = bytearray(raw[:end])
            return True
        safe = len(raw) - _held_back(raw, stops)
        if safe > r.sent:
            text = r.decoder.decode(raw[r.sent : safe])
            r.sent = safe
            if text:
                send(("token", r.job.req_id, text))
        return False

    def _finish(self, r: _Running, running, free, send, cancelled: bool = False) -> None:
        raw = bytes(r.raw)
        if not cancelled and len(raw) >= r.sent:
            text = r.decoder.decode(raw[r.sent :], final=True)
            if text:
                send(("token", r.job.req_id, text))
        now = time.perf_counter()
        send(
            (
                "done",
                r.job.req_id,
                {
                    "cancelled": cancelled,
                    "prompt_tokens": len(r.job.tokens),
                    "completion_tokens": len(r.generated),
                    "seconds": now - r.started,
                    "first_token_seconds": (r.first_at or now) - r.started,
                },
            )
        )
        self._seq_rm(r.seq)
        del running[r.seq]
        free.append(r.seq)
        free.sort()
        close = getattr(r.sampler, "close", None)
        if close is not None:
            close()


class _CtxRef:
    """What LlamaSampler.sample needs from a context: its `.ctx` pointer."""

    def __init__(self, ctx: ctypes.c_void_p) -> None:
        self.ctx = ctx
