"""What this machine and this llama.cpp build can do: CPU cores, GPU offload, memory."""

from __future__ import annotations

import ctypes
import os
import platform
import re
import subprocess
import sys
from dataclasses import asdict, dataclass

GPU_BACKENDS = ("CUDA", "Metal", "Vulkan", "ROCm", "HIP", "SYCL", "OpenCL")


@dataclass
class HardwareInfo:
    os: str
    machine: str
    physical_cores: int
    logical_cores: int
    total_memory: int
    available_memory: int
    gpu_offload: bool = False
    backend: str = "CPU"
    llama_cpp_version: str = ""
    cpu_features: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


def physical_cores() -> int:
    """Physical cores: llama.cpp runs best with one thread per core, not per hyper-thread."""
    logical = os.cpu_count() or 1
    if sys.platform.startswith("linux"):
        try:
            cores = set()
            phys = core = None
            with open("/proc/cpuinfo", encoding="utf-8") as handle:
                for line in handle:
                    if line.startswith("physical id"):
                        phys = line.split(":")[1].strip()
                    elif line.startswith("core id"):
                        core = line.split(":")[1].strip()
                    elif not line.strip():
                        if core is not None:
                            cores.add((phys, core))
                        phys = core = None
            if core is not None:
                cores.add((phys, core))
            if cores:
                return min(len(cores), logical)
        except OSError:
            pass
    elif sys.platform == "darwin":
        try:
            out = subprocess.run(
                ["sysctl", "-n", "hw.physicalcpu"], capture_output=True, text=True, timeout=2
            )
            return max(int(out.stdout.strip()), 1)
        except (OSError, ValueError, subprocess.SubprocessError):
            pass
    return logical


def memory() -> tuple[int, int]:
    """(total, available) bytes; (0, 0) when unknown."""
    if sys.platform.startswith("linux"):
        try:
            info = {}
            with open("/proc/meminfo", encoding="utf-8") as handle:
                for line in handle:
                    key, _, rest = line.partition(":")
                    info[key] = int(rest.split()[0]) * 1024
            return info.get("MemTotal", 0), info.get("MemAvailable", info.get("MemFree", 0))
        except (OSError, ValueError, IndexError):
            return 0, 0
    if sys.platform == "win32":

        class MEMORYSTATUSEX(ctypes.Structure):
            _fields_ = [
                ("dwLength", ctypes.c_ulong),
                ("dwMemoryLoad", ctypes.c_ulong),
                ("ullTotalPhys", ctypes.c_ulonglong),
                ("ullAvailPhys", ctypes.c_ulonglong),
                ("ullTotalPageFile", ctypes.c_ulonglong),
                ("ullAvailPageFile", ctypes.c_ulonglong),
                ("ullTotalVirtual", ctypes.c_ulonglong),
                ("ullAvailVirtual", ctypes.c_ulonglong),
                ("ullAvailExtendedVirtual", ctypes.c_ulonglong),
            ]

        status = MEMORYSTATUSEX()
        status.dwLength = ctypes.sizeof(status)
        if ctypes.windll.kernel32.GlobalMemoryStatusEx(ctypes.byref(status)):  # type: ignore[attr-defined]
            return status.ullTotalPhys, status.ullAvailPhys
        return 0, 0
    if sys.platform == "darwin":
        try:
            total = int(
                subprocess.run(
                    ["sysctl", "-n", "hw.memsize"], capture_output=True, text=True, timeout=2
                ).stdout
            )
            return total, total // 2  # macOS compresses memory; half is a safe guess
        except (OSError, ValueError, subprocess.SubprocessError):
            return 0, 0
    return 0, 0


def backend_from_system_info(info: str) -> str:
    """Name the GPU backend a llama.cpp build reports, else CPU."""
    for name in GPU_BACKENDS:
        if re.search(rf"\b{name}\b", info, re.IGNORECASE):
            return name
    return "CPU"


def detect_llama() -> tuple[bool, str, str, str]:
    """(gpu_offload, backend, version, system_info) of the installed llama.cpp.
    Imports llama_cpp, so call it in the engine's child process or in selftest."""
    import llama_cpp

    info = llama_cpp.llama_print_system_info()
    info = info.decode("utf-8", "replace") if isinstance(info, bytes) else str(info)
    offload = bool(llama_cpp.llama_supports_gpu_offload())
    backend = backend_from_system_info(info) if offload else "CPU"
    return offload, backend, llama_cpp.__version__, info.strip()


def detect(with_llama: bool = True) -> HardwareInfo:
    total, available = memory()
    hw = HardwareInfo(
        os=f"{platform.system()} {platform.release()}",
        machine=platform.machine(),
        physical_cores=physical_cores(),
        logical_cores=os.cpu_count() or 1,
        total_memory=total,
        available_memory=available,
    )
    if with_llama:
        hw.gpu_offload, hw.backend, hw.llama_cpp_version, hw.cpu_features = detect_llama()
    return hw


def choose_gpu_layers(requested: int, offload_supported: bool) -> int:
    """-1 (auto) offloads every layer when the build can, else runs on the CPU."""
    if not offload_supported:
        return 0
    return -1 if requested < 0 else requested


def choose_threads(requested: int) -> int:
    return requested if requested > 0 else max(physical_cores(), 1)


def choose_seqs(
    requested: int,
    gpu: bool,
    n_ctx_seq: int,
    cell_bytes: int,
    available: int | None = None,
    cores: int | None = None,
) -> int:
    """Sequences decoded together. Auto: 1 on a CPU (measured on 2 cores with the demo
    model, bench/batch_throughput.py: batches of 2-8 gave 0.78-0.87x the tokens/s of
    one at a time on a quiet machine; with the exact kernels, under load, 1.08-1.20x the
    wall time of one at a time with the same kernels; answers identical either way),
    8 with GPU offload (not measured: no device was lent); fewer when
    their KV cache would take more than an eighth of the free memory ((n + 1) x
    n_ctx_seq cells: sequence 0 holds the prefix)."""
    n = requested if requested > 0 else auto_seqs(gpu, cores)
    if available is None:
        available = memory()[1]
    if available and cell_bytes and n_ctx_seq:
        room = available // 8 // (cell_bytes * n_ctx_seq) - 1
        n = min(n, max(room, 1))
    return max(n, 1)


def auto_seqs(gpu: bool, cores: int | None = None) -> int:  # noqa: ARG001 - cores: see choose_seqs
    return 8 if gpu else 1
