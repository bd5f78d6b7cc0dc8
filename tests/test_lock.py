"""The environment is the lock: every package requirements.lock pins is installed at that version, and the lock
pins every requirement settings.ini names inside its range. Offline and quick (it reads only package metadata).

`make test` installs torch, then `pip install -r requirements.lock`, then lahr with --no-deps; `make lock` refreshes
the lock. A failure here means .venv was installed some other way (or by hand since), or settings.ini changed
without `make lock`."""
import configparser, importlib.metadata as md, re
from pathlib import Path
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r'^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;#]+)\s*$')

def read_lock(path=ROOT / 'requirements.lock'):
    "{canonical name: version} for each `name==version` line; annotation lines (`#`, indented `# via`) are skipped."
    pins = {}
    for line in path.read_text().splitlines():
        if not line.strip() or line.lstrip().startswith('#'): continue
        m = PIN.match(line)
        assert m, f'not an exact pin in requirements.lock: {line!r}'
        pins[canonicalize_name(m[1])] = m[2]
    return pins

def installed(name):
    try: return md.version(name)
    except md.PackageNotFoundError: return None

def test_the_lock_is_exact_and_cpu_only():
    pins = read_lock()
    assert len(pins) > 100 and pins['torch'] == '2.13.0'  # written without +cpu: pip accepts the CPU build for it
    assert not [n for n in pins if n.startswith('nvidia-') or n == 'triton'], 'CUDA packages in the lock'
    assert 'lahr' not in pins

def test_every_pinned_package_is_installed_at_its_version():
    # `==2.13.0` accepts the installed 2.13.0+cpu (a local version), as pip does; nothing else may differ
    wrong = {n: (v, installed(n)) for n, v in read_lock().items()
             if installed(n) is None or not SpecifierSet(f'=={v}').contains(installed(n), prereleases=True)}
    assert not wrong, 'installed != requirements.lock (name: (locked, installed)); run `make install`:\n' + \
        '\n'.join(f'  {n}: {v}' for n, v in sorted(wrong.items()))

def test_the_lock_pins_every_requirement_in_its_range():
    cfg = configparser.ConfigParser(delimiters=['='])
    cfg.read(ROOT / 'settings.ini', encoding='utf-8')
    reqs = [Requirement(r) for k in ('requirements', 'dev_requirements') for r in cfg['DEFAULT'][k].split()]
    pins = read_lock()
    locked = {r: pins.get(canonicalize_name(r.name)) for r in reqs}
    bad = [f'{r} (locked: {v})' for r, v in locked.items() if v is None or not r.specifier.contains(v, prereleases=True)]
    assert not bad, 'settings.ini and requirements.lock disagree; run `make lock`: ' + ', '.join(bad)

if __name__ == '__main__':  # `pip freeze --all | python tests/test_lock.py`: how the freeze differs from the lock
    import sys
    pins, frozen = read_lock(), {}
    for line in sys.stdin:
        if line.startswith(('#', '-e')): print('editable:', line.strip()); continue
        if '==' in line:
            n, v = line.strip().split('==', 1)
            frozen[canonicalize_name(n)] = v
    for n in sorted(pins.keys() | frozen.keys()):
        lv, fv = pins.get(n), frozen.get(n)
        if lv is None: print(f'not in the lock: {n}=={fv}')
        elif fv is None: print(f'missing: {n}=={lv}')
        elif not SpecifierSet(f'=={lv}').contains(fv, prereleases=True): print(f'differs: {n} locked {lv}, installed {fv}')
    same = sum(n in frozen and SpecifierSet(f'=={v}').contains(frozen[n], prereleases=True) for n, v in pins.items())
    print(f'{same} of the {len(pins)} packages in requirements.lock are installed at the locked version')
