"End to end: `lahr run` walks a thought method's curriculum in one trainer through papermill, and a killed run resumes exactly."
import json, subprocess, sys, time
from pathlib import Path

LAHR = [str(Path(sys.executable).parent / 'lahr')]  # the installed console script
ARGS = ('run', '--preset', 'smoke', '--methods', 'coconut', '--quiet', '-p', 'max_stage=3', '-p', 'thought_sweep=5',
        '-p', 'encoding=symbolic', '-p', 'stream=true', '-p', 'min_nodes=9', '-p', 'max_nodes=12', '-p', 'min_hops=2',
        '-p', 'max_hops=3', '-p', 'eval_every=10', '-p', 'curve_n=8', '-p', 'ckpt_every=10')

def lahr(*args, cwd):
    return subprocess.run([*LAHR, *args], cwd=cwd, capture_output=True, text=True, timeout=600)

def records(d):
    return [json.loads(l) for l in (d / 'metrics.jsonl').read_text().splitlines()]

def test_symbolic_coconut_curriculum_run_and_exact_resume(tmp_path):
    a, b = tmp_path / 'a', tmp_path / 'b'
    r = lahr(*ARGS, '--out', str(a / 'run'), cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-3000:]
    d = a / 'run'
    m = json.loads((d / 'metrics.json').read_text())
    assert [(s['stage'], s['steps']) for s in m['stages']] == [(0, 6), (1, 6), (2, 6), (3, 22)]
    assert [(c['step'], c['stage']) for c in m['learning_curve']] == [(10, 1), (20, 3), (30, 3), (40, 3)]
    assert m['selected'] == 'best' and m['best_valid_accuracy'] == max(c['valid_accuracy'] for c in m['learning_curve'][1:])
    assert m['eval']['test']['mean_thoughts'] == 3.0 and [s['n_thoughts'] for s in m['thought_sweep']] == [0.0, 1.0, 2.0, 3.0]
    assert m['stages'][1]['thought_hidden_norm'] > m['stages'][1]['token_embed_norm']
    assert json.loads((d / 'best' / 'task.json').read_text())['encoding'] == 'symbolic'
    assert json.loads((d / 'model' / 'thoughts.json').read_text()) == dict(feedback=True, thought_norm='none', markers=True)
    assert m['eval']['published']['n'] == 40 and 0 <= m['published_accuracy'] <= m['eval']['published']['option_rate'] <= 1
    # the same run, killed right after its first checkpoint, then started again: the same curve and the same weights
    p = subprocess.Popen([*LAHR, *ARGS, '--out', str(b / 'run')], cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    state = b / 'run' / 'checkpoint' / 'trainer_state.json'
    t0 = time.time()
    while not state.exists() and p.poll() is None and time.time() - t0 < 300: time.sleep(0.05)
    p.kill(); p.wait()
    assert not (b / 'run' / 'metrics.json').exists(), "the run finished before it could be killed"
    r = lahr(*ARGS, '--out', str(b / 'run'), cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-3000:]
    strip = lambda recs: [{k: v for k, v in x.items() if k not in ('tok_s', 'elapsed', 'eval_seconds')} for x in recs]
    assert strip(records(b / 'run')) == strip(records(d))
    assert (b / 'run' / 'model' / 'model.safetensors').read_bytes() == (d / 'model' / 'model.safetensors').read_bytes()
