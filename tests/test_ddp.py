"Data parallel under torchrun (gloo, 2 CPU processes): same trajectory as one process at twice the batch, and resumable across process counts."
import json, subprocess, sys
from pathlib import Path
from safetensors.torch import load_file

JOB = str(Path(__file__).with_name('ddp_job.py'))

def job(out, batch, nproc=1, stop_at=None):
    launcher = [sys.executable, '-m', 'torch.distributed.run', '--standalone', f'--nproc_per_node={nproc}'] if nproc > 1 else [sys.executable]
    r = subprocess.run([*launcher, JOB, str(out), str(batch), *([str(stop_at)] if stop_at else [])],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    return r

def weights(out): return load_file(str(Path(out) / 'model' / 'model.safetensors'))
def curve(out): return [json.loads(l) for l in (Path(out) / 'metrics.jsonl').read_text().splitlines()]

def assert_same_run(a, b, tol=1e-5):
    wa, wb = weights(a), weights(b)
    assert wa.keys() == wb.keys()
    for k in wa: assert (wa[k] - wb[k]).abs().max() < tol, k
    ca, cb = curve(a), curve(b)
    assert [r['step'] for r in ca] == [r['step'] for r in cb]
    for ra, rb in zip(ca, cb):
        assert abs(ra['loss'] - rb['loss']) < tol and ra['tokens'] == rb['tokens'], (ra, rb)

def test_two_processes_equal_one_at_twice_the_batch(tmp_path):
    job(tmp_path / 'one', batch=8)
    job(tmp_path / 'two', batch=4, nproc=2)
    assert_same_run(tmp_path / 'one', tmp_path / 'two')
    assert curve(tmp_path / 'two')[-1]['loss'] < 0.5 * curve(tmp_path / 'two')[0]['loss']  # and it learns

def test_checkpoint_resumes_with_another_process_count(tmp_path):
    job(tmp_path / 'one', batch=8)
    job(tmp_path / 'mixed', batch=4, nproc=2, stop_at=4)  # two processes write the checkpoint at step 4 ...
    assert json.loads((tmp_path / 'mixed/checkpoint/trainer_state.json').read_text())['step'] == 4
    job(tmp_path / 'mixed', batch=8)                      # ... one process finishes the run
    assert_same_run(tmp_path / 'one', tmp_path / 'mixed')

def test_lahr_train_under_torchrun(tmp_path):
    lahr = str(Path(sys.executable).parent / 'lahr')
    r = subprocess.run([sys.executable, '-m', 'torch.distributed.run', '--standalone', '--nproc_per_node=2', lahr, 'train',
                        '--preset', 'smoke', '--method', 'no_cot', '--out', str(tmp_path / 'run'), '-p', 'progress=false'],
                       capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-3000:]
    printed = [l for l in r.stdout.splitlines() if l.startswith('{')]
    assert len(printed) == 1, r.stdout  # rank 0 alone reports
    m = json.loads((tmp_path / 'run' / 'metrics.json').read_text())
    assert json.loads(printed[0])['run'] == m['run'] == 'prosqa-no_cot-smoke-s0'
    assert m['final_loss'] < m['first_loss'] and m['eval']['test']['n'] == 40
    assert curve(tmp_path / 'run')[-1]['step'] == m['config']['max_steps']  # rank 0 logged the whole curve

def test_learning_curve_and_best_model_under_torchrun(tmp_path):
    # rank 0 alone evaluates and keeps the best model; the other rank must not wait for it at a barrier
    lahr = str(Path(sys.executable).parent / 'lahr')
    r = subprocess.run([sys.executable, '-m', 'torch.distributed.run', '--standalone', '--nproc_per_node=2', lahr, 'train',
                        '--preset', 'smoke', '--method', 'no_cot', '--out', str(tmp_path / 'run'), '-p', 'progress=false',
                        '-p', 'eval_every=20', '-p', 'curve_n=8'], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-3000:]
    m = json.loads((tmp_path / 'run' / 'metrics.json').read_text())
    assert [c['step'] for c in m['learning_curve']] == [20, 40]
    assert m['selected'] == 'best' and m['best_valid_accuracy'] == max(c['valid_accuracy'] for c in m['learning_curve'])
    assert (tmp_path / 'run' / 'best' / 'task.json').exists()
