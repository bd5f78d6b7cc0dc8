"`make paper` rebuilds the thought results from committed run records alone: a tiny committed fake grid reproduces its table."
import json, subprocess, sys
from pathlib import Path
import numpy as np
from scipy import stats
from lahr.thought_results import write_thought_results

GRID = Path(__file__).parent / 'data' / 'thought-records'
LAHR = str(Path(sys.executable).parent / 'lahr')

def interval(values):
    "Mean and 95% t-interval half-width, computed here from the records themselves."
    x = np.array(values)
    return x.mean(), stats.t.ppf(0.975, len(x) - 1) * x.std(ddof=1) / np.sqrt(len(x))

def test_the_table_is_rebuilt_from_the_records(tmp_path):
    res = write_thought_results(GRID, tmp_path)
    md = res['table'].read_text()
    for method in ('cot', 'coconut'):
        accs = [json.loads(f.read_text())['test_accuracy'] for f in sorted((GRID / 'prosqa').glob(f'{method}-s*/metrics.json'))]
        assert len(accs) == 3
        mean, half = interval(accs)
        assert f'| prosqa | {method} | 3 | 40 | {mean:.3f} ± {half:.3f} |' in md, md
    assert all(f.stat().st_size > 5000 for f in res['figures'])  # accuracy, learning curves, cost, sweep, norms
    assert (tmp_path / 'figures' / 'thoughts_curves.png').exists()

def test_lahr_table_reads_the_records(tmp_path):
    r = subprocess.run([LAHR, 'table', str(GRID)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    rows = json.loads(r.stdout.strip().splitlines()[-1])['rows']
    assert [(x['task'], x['method'], x['seeds']) for x in rows] == [('prosqa', 'cot', 3), ('prosqa', 'coconut', 3)]
    assert '| prosqa | coconut | 3 |' in r.stdout
