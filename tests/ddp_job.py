"""A deterministic data-parallel training job for test_ddp.py.

    torchrun --nproc_per_node N tests/ddp_job.py OUT_DIR BATCH_PER_PROCESS [STOP_AT]

Every sequence has the same length and no padding, so each process's mean loss weighs its tokens like a single
process's mean over the whole global batch: N processes at batch b must follow one process at batch N*b."""
import sys
import torch
torch.set_num_threads(1)
from lahr.config import LahrConfig
from lahr.model import LahrForCausalLM
from lahr.train import TrainConfig, Trainer, leave_process_group

def counting_data(n=96, T=12, vocab=32, seed=0):
    "Sequences of T tokens counting upward mod vocab-1 from a random start."
    g = torch.Generator().manual_seed(seed)
    starts = torch.randint(0, vocab - 1, (n,), generator=g).tolist()
    return [{'input_ids': [(s + t) % (vocab - 1) + 1 for t in range(T)]} for s in starts]

def collate(examples):
    ids = torch.tensor([e['input_ids'] for e in examples])
    return dict(input_ids=ids, attention_mask=torch.ones_like(ids), labels=ids)

def main(out_dir, batch_size, stop_at=None):
    torch.manual_seed(0)
    model = LahrForCausalLM(LahrConfig(vocab_size=32, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                                       max_position_embeddings=16))
    cfg = TrainConfig(lr=1e-2, warmup_steps=2, max_steps=24, batch_size=batch_size, grad_accum=2, ckpt_every=4,
                      log_every=2, progress=False, out_dir=out_dir)
    Trainer(model, cfg, counting_data(), collate).fit(stop_at=stop_at)
    leave_process_group()

if __name__ == '__main__':
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else None)
