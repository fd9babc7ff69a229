"""Arabic spelling: tokens with source offsets, the Hunspell dictionary, the lexicon of a
document, the morphology the explaining rules need (clitics, hamzat al-wasl patterns), which
blocks are prose, the word classifier and the suggestions for unknown words."""
