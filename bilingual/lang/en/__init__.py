"""English: its data (number words, function words); the rules that read them stay in the checks."""
