"""Kill a real training process with SIGKILL after its first checkpoint, rerun it, and check that it ends exactly where
an uninterrupted run ends: same final weights (within 1e-6) and the same loss curve."""
import json, os, signal, subprocess, sys, time
from pathlib import Path

import torch
from safetensors.torch import load_file

ROOT = Path(__file__).resolve().parents[1]
JOB = ROOT / 'tests' / 'resume_job.py'
MAX_STEPS = 40  # as in resume_job.py

def start(out_dir, *args, log):
    env = {**os.environ, 'PYTHONPATH': str(ROOT), 'OMP_NUM_THREADS': '1'}
    return subprocess.Popen([sys.executable, str(JOB), str(out_dir), *map(str, args)], cwd=ROOT, env=env,
                            stdout=log, stderr=subprocess.STDOUT, text=True)

def finish(proc, log_path, timeout=120):
    assert proc.wait(timeout=timeout) == 0, f"training job failed:\n{Path(log_path).read_text()}"
    return Path(log_path).read_text()

def curve(out_dir):
    return [(r['step'], r['loss'], r['lr'], r['grad_norm'], r['tokens'])
            for r in map(json.loads, (out_dir / 'metrics.jsonl').read_text().splitlines())]

def test_sigkill_then_resume_matches_uninterrupted(tmp_path):
    ref_dir, run_dir = tmp_path / 'ref', tmp_path / 'run'
    with open(tmp_path / 'ref.log', 'w') as ref_log, open(tmp_path / 'killed.log', 'w') as killed_log:
        ref = start(ref_dir, log=ref_log)                 # uninterrupted, alongside
        job = start(run_dir, 0.02, log=killed_log)        # slowed down so that the kill lands mid-run
        state = run_dir / 'checkpoint' / 'trainer_state.json'
        deadline = time.monotonic() + 90
        while not state.exists():
            assert job.poll() is None, f"job ended before its first checkpoint:\n{(tmp_path / 'killed.log').read_text()}"
            assert time.monotonic() < deadline, "no checkpoint after 90 s"
            time.sleep(0.01)
        os.kill(job.pid, signal.SIGKILL)
        job.wait()
    assert job.returncode == -signal.SIGKILL
    killed_at = json.loads(state.read_text())['step']
    assert 0 < killed_at < MAX_STEPS and not (run_dir / 'model').exists(), "the kill should land mid-run"

    with open(tmp_path / 'resumed.log', 'w') as log: out = finish(start(run_dir, log=log), tmp_path / 'resumed.log')
    assert f"resuming from {run_dir / 'checkpoint'} at step" in out, out
    finish(ref, tmp_path / 'ref.log')

    a = load_file(ref_dir / 'model' / 'model.safetensors')
    b = load_file(run_dir / 'model' / 'model.safetensors')
    assert a.keys() == b.keys()
    for k in a: torch.testing.assert_close(b[k], a[k], rtol=0, atol=1e-6, msg=f"{k} differs after resume")
    assert json.loads(state.read_text())['step'] == MAX_STEPS   # the final checkpoint marks the run finished
    ca, cb = curve(ref_dir), curve(run_dir)
    assert [c[0] for c in ca] == [3 * i for i in range(1, 14)] + [MAX_STEPS]
    torch.testing.assert_close(torch.tensor(cb, dtype=torch.float64), torch.tensor(ca, dtype=torch.float64), rtol=0, atol=1e-6)

    # a third run in the finished folder trains nothing and leaves the metrics as they are
    with open(tmp_path / 'again.log', 'w') as log: out = finish(start(run_dir, log=log), tmp_path / 'again.log')
    assert 'already finished' in out and curve(run_dir) == cb
