"End to end: `lahr run` executes nbs/09_run.ipynb through papermill and leaves complete runs under runs/."
import json, subprocess, sys
from pathlib import Path

LAHR = [str(Path(sys.executable).parent / 'lahr')]  # the installed console script

def lahr(*args, cwd):
    return subprocess.run([*LAHR, *args], cwd=cwd, capture_output=True, text=True, timeout=600)

def test_smoke_grid_in_two_shards_completes_and_is_skipped_when_done(tmp_path):
    names = []
    for shard in ('0/2', '1/2'):  # two processes sharing runs/ split the grid
        r = lahr('run', '--preset', 'smoke', '--methods', 'cot', 'no_cot', '--shard', shard, '--quiet', cwd=tmp_path)
        assert r.returncode == 0, r.stderr[-3000:]
        names += [x['run'] for x in json.loads(r.stdout.strip().splitlines()[-1])['runs']]
    assert names == ['prosqa-cot-smoke-s0', 'prosqa-no_cot-smoke-s0']
    for name in ('prosqa-cot-smoke-s0', 'prosqa-no_cot-smoke-s0'):
        d = tmp_path / 'runs' / name
        m = json.loads((d / 'metrics.json').read_text())
        assert m['final_loss'] < m['first_loss']
        assert 0 <= m['test_accuracy'] <= 1 and 0 <= m['published_accuracy'] <= 1
        assert m['eval']['published']['n'] == 40 and m['train_tok_s'] > 0
        nb = json.loads((d / 'run.ipynb').read_text())
        assert nb['metadata']['papermill']['parameters']['method'] == m['config']['method']
        assert (d / 'model' / 'model.safetensors').exists() and (d / 'loss.png').exists()
    again = lahr('run', '--preset', 'smoke', '--methods', 'cot', 'no_cot', '--quiet', cwd=tmp_path)
    assert again.returncode == 0, again.stderr[-3000:]
    assert [x['skipped'] for x in json.loads(again.stdout.strip().splitlines()[-1])['runs']] == [True, True]

def test_a_failed_run_is_recorded_and_the_grid_goes_on(tmp_path):
    # max_len=20 drops every example: the cot run fails inside the notebook; the no_cot run is then still tried
    r = lahr('run', '--preset', 'smoke', '--methods', 'cot', 'no_cot', '--seeds', '7', '--quiet', '-p', 'max_len=20', cwd=tmp_path)
    assert r.returncode == 2 and '2 run(s) failed' in r.stderr, r.stderr[-3000:]
    for name in ('prosqa-cot-smoke-s7', 'prosqa-no_cot-smoke-s7'):
        err = (tmp_path / 'runs' / name / 'error.txt').read_text()
        assert 'max_len' in err and (tmp_path / 'runs' / name / 'run.ipynb').exists()
        assert not (tmp_path / 'runs' / name / 'metrics.json').exists()

def test_eval_cli_on_a_finished_run(tmp_path):
    r = lahr('run', '--preset', 'smoke', '--methods', 'no_cot', '--quiet', '-p', 'max_steps=10', cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-3000:]
    d = tmp_path / 'runs' / 'prosqa-no_cot-smoke-s0'
    e = lahr('eval', '--model', str(d / 'model'), '--data', str(d / 'data' / 'test.json'), '--method', 'no_cot', '--quiet', cwd=tmp_path)
    assert e.returncode == 0, e.stderr[-3000:]
    res = json.loads(e.stdout.strip().splitlines()[-1])
    m = json.loads((d / 'metrics.json').read_text())
    assert res['n'] == 40 and res['accuracy'] == m['test_accuracy']

def test_bad_input_is_a_clear_error(tmp_path):
    r = lahr('run', '--preset', 'smoke', '--task', 'sudoku', cwd=tmp_path)
    assert r.returncode == 2 and 'task must be one of' in r.stderr and 'Traceback' not in r.stderr
    bad = tmp_path / 'bad.json'
    bad.write_text(json.dumps([{'question': 'q', 'steps': 'not a list', 'answer': 'a'}]))
    (tmp_path / 'model').mkdir()
    r = lahr('eval', '--model', str(tmp_path / 'model'), '--data', str(bad), cwd=tmp_path)
    assert r.returncode == 2 and 'missing config.json' in r.stderr
    r = lahr('data', 'prosqa', '--out', str(tmp_path / 'd'), '--n-train', '-1', cwd=tmp_path)
    assert r.returncode == 2 and 'Traceback' not in r.stderr
