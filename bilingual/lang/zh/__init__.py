"""Chinese: its data (numeral characters, function words, false negations)."""
