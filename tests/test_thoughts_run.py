"End to end: `lahr run` walks a thought method's curriculum through papermill, one folder per stage, and resumes."
import json, shutil, subprocess, sys
from pathlib import Path

LAHR = [str(Path(sys.executable).parent / 'lahr')]  # the installed console script

def lahr(*args, cwd):
    return subprocess.run([*LAHR, *args], cwd=cwd, capture_output=True, text=True, timeout=600)

def test_coconut_curriculum_run(tmp_path):
    args = ('run', '--preset', 'smoke', '--methods', 'coconut', '--quiet', '-p', 'max_stage=3', '-p', 'thought_sweep=5')
    r = lahr(*args, cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-3000:]
    d = tmp_path / 'runs' / 'prosqa-coconut-smoke-s0'
    m = json.loads((d / 'metrics.json').read_text())
    assert [s['stage'] for s in m['stages']] == [0, 1, 2, 3] and sum(s['steps'] for s in m['stages']) == 40
    assert all((d / f'stage{k}' / 'checkpoint' / 'trainer_state.json').exists() for k in range(4))
    assert m['eval']['test']['mean_thoughts'] == 3.0 and m['eval']['test']['mean_new_tokens'] > 0
    assert [s['n_thoughts'] for s in m['thought_sweep']] == [0.0, 1.0, 2.0, 3.0]
    assert m['stages'][1]['thought_hidden_norm'] > m['stages'][1]['token_embed_norm']
    assert json.loads((d / 'model' / 'thoughts.json').read_text()) == dict(feedback=True, thought_norm='none')
    # an interrupted walk resumes: drop the last stage and the results, run again
    losses = [r['loss'] for k in range(3) for r in map(json.loads, (d / f'stage{k}' / 'metrics.jsonl').read_text().splitlines())]
    shutil.rmtree(d / 'stage3'); (d / 'metrics.json').unlink()
    r = lahr(*args, cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-3000:]
    again = [r['loss'] for k in range(3) for r in map(json.loads, (d / f'stage{k}' / 'metrics.jsonl').read_text().splitlines())]
    assert again == losses and (d / 'stage3' / 'model').exists() and (d / 'metrics.json').exists()
