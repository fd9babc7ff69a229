"""Arabic spelling: tokens with source offsets, the Hunspell dictionary, and the morphology the
explaining rules need (clitics, hamzat al-wasl patterns)."""
