"""Training throughput of the `default` preset's model on ProsQA batches: median tokens/s over repeats.

    python bench/train_throughput.py [--preset default] [--repeats 7] [--threads 0]

Prints one line per method and, last, one JSON object. The `no_cot` / `cot` ratio compares the two
sequence formats measured in this same run (absolute figures vary ±20% run to run on 2 cores).
"""
import argparse, json, statistics, tempfile, time
import torch
from lahr.run import RunConfig, build_model
from lahr.tasks import generate_prosqa
from lahr.data import build_tokenizer, TaskDataset, Collator

def step_times(model, batch, repeats):
    "Seconds per AdamW training step on `batch`, after one warm-up step."
    opt = torch.optim.AdamW(model.parameters(), lr=1e-4)
    times = []
    for i in range(repeats + 1):
        t = time.perf_counter()
        loss = model(**batch).loss
        opt.zero_grad(); loss.backward(); opt.step()
        if i: times.append(time.perf_counter() - t)
    return times

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--preset', default='default'); p.add_argument('--repeats', type=int, default=7)
    p.add_argument('--threads', type=int, default=0, help='torch threads (0 = torch default)')
    a = p.parse_args()
    if a.threads: torch.set_num_threads(a.threads)
    cfg = RunConfig.from_preset(a.preset, out_dir=tempfile.mkdtemp())
    examples = generate_prosqa(cfg.batch_size, seed=0)
    tok = build_tokenizer(examples)
    result = dict(preset=a.preset, batch_size=cfg.batch_size, hidden_size=cfg.hidden_size, layers=cfg.num_hidden_layers,
                  threads=torch.get_num_threads(), repeats=a.repeats)
    for method in ('cot', 'no_cot'):
        batch = Collator(tok.pad_token_id)(TaskDataset(examples, tok, method).items)
        model = build_model(cfg, tok).train()
        times = step_times(model, batch, a.repeats)
        tokens = int(batch['attention_mask'].sum())
        med = statistics.median(times)
        result[f'{method}_tok_s'] = tokens / med
        result[f'{method}_tokens_per_step'] = tokens
        print(f"{method}: {tokens} tokens/step, median {med:.3f} s/step over {a.repeats} "
              f"(min {min(times):.3f}, max {max(times):.3f}) -> {tokens / med:,.0f} tok/s")
    result['n_params'] = model.num_parameters()
    result['ratio_no_cot_over_cot'] = result['no_cot_tok_s'] / result['cot_tok_s']
    print(json.dumps(result))

if __name__ == '__main__': main()
