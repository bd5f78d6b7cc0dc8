"The ablation grid from the shell: a killed grid resumes without redoing finished runs; the paper refuses an incomplete grid."
import json, os, signal, subprocess, sys, time
from pathlib import Path

LAHR = str(Path(sys.executable).parent / 'lahr')
GRID = ['ablate', '--preset', 'smoke', '--seeds', '0', '--only', 'baseline', 'mod', '--root', 'runs', '--quiet']

def complete(d): return (d / 'metrics.json').exists() and 'loss_curve' in json.loads((d / 'metrics.json').read_text())

def test_killed_grid_resumes_without_redoing_finished_runs(tmp_path):
    grid = tmp_path / 'runs' / 'ablation-smoke'
    p = subprocess.Popen([LAHR, *GRID], cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 600
    while not complete(grid / 'baseline-s0') and time.time() < deadline and p.poll() is None: time.sleep(0.5)
    os.killpg(p.pid, signal.SIGKILL); p.wait()  # the grid, as a lost machine would
    time.sleep(3)  # its kernel (a session of its own) notices that its parent is gone and exits within a second
    assert complete(grid / 'baseline-s0'), 'the first run never finished'
    finished = (grid / 'baseline-s0' / 'run.ipynb').stat().st_mtime_ns
    r = subprocess.run([LAHR, *GRID], cwd=tmp_path, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr[-3000:]
    assert json.loads(r.stdout.strip().splitlines()[-1]) == {'runs': 2, 'complete': 2}
    assert (grid / 'baseline-s0' / 'run.ipynb').stat().st_mtime_ns == finished  # skipped, not redone
    assert complete(grid / 'mod-s0') and json.loads((grid / 'mod-s0' / 'metrics.json').read_text())['routed_frac'] > 0
    # two configurations of eight: the paper names what is missing and how to make it, without a traceback
    r = subprocess.run([LAHR, 'paper', '--grid', str(grid), '--paper-dir', str(tmp_path / 'paper')], cwd=tmp_path,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 2 and 'latent+mod+memory (0)' in r.stderr and 'lahr ablate' in r.stderr and 'Traceback' not in r.stderr
