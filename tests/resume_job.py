"""A small, deterministic training job for test_resume.py: `python tests/resume_job.py OUT_DIR [SECONDS_PER_MICROBATCH]`.

The optional sleep only slows the job down (it does not touch the numbers), so the test has time to kill it after
its first checkpoint and before it finishes."""
import sys, time
import torch
torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)
from transformers import LlamaConfig, LlamaForCausalLM
from lahr.train import TrainConfig, Trainer

MAX_STEPS = 40

def counting_data(n=128, vocab=32, seed=0):
    "Sequences counting upward mod vocab-1 from a random token, 8-16 tokens long."
    g = torch.Generator().manual_seed(seed)
    data = []
    for _ in range(n):
        T, start = int(torch.randint(8, 17, (1,), generator=g)), int(torch.randint(0, vocab - 1, (1,), generator=g))
        data.append({'input_ids': [(start + t) % (vocab - 1) + 1 for t in range(T)]})
    return data

def pad_collate(examples):
    "Right-pad with 0; labels -100 on padding."
    T = max(len(e['input_ids']) for e in examples)
    ids = torch.zeros(len(examples), T, dtype=torch.long)
    for i, e in enumerate(examples): ids[i, :len(e['input_ids'])] = torch.tensor(e['input_ids'])
    mask = (ids != 0).long()
    return dict(input_ids=ids, attention_mask=mask, labels=ids.masked_fill(mask == 0, -100))

def main(out_dir, sleep=0.0):
    torch.manual_seed(0)
    model = LlamaForCausalLM(LlamaConfig(vocab_size=32, hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                                         num_attention_heads=4, num_key_value_heads=4, max_position_embeddings=256,
                                         tie_word_embeddings=True, attention_dropout=0.1, pad_token_id=0))
    def loss_fn(model, batch):
        time.sleep(sleep)
        return model(**batch).loss
    cfg = TrainConfig(lr=1e-2, warmup_steps=3, max_steps=MAX_STEPS, batch_size=8, grad_accum=2, ckpt_every=5,
                      log_every=3, progress=False, out_dir=out_dir)
    Trainer(model, cfg, counting_data(), pad_collate, loss_fn).fit()

if __name__ == '__main__':
    main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 0.0)
