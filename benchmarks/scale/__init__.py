"""`benchmark_scale`: a national registry, a pilpres and a pilkada-serentak season, written as
import files and run through the real import commands, stage by stage, each beside this
machine's limit measured in the same run."""
