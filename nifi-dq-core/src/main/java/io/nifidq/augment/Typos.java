package io.nifidq.augment;

import java.util.SplittableRandom;

/**
 * Keyboard typos on a QWERTY layout, the noise that robust classifiers should shrug off: a letter replaced by a
 * neighbouring key, two adjacent letters swapped, a letter dropped, or a neighbouring key pressed as well.
 */
final class Typos {

    private static final String[] ROWS = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};

    private Typos() {
    }

    /** Words of at least three letters, all ASCII letters (apostrophes and hyphens aside). */
    static boolean canMisspell(final String word) {
        int letters = 0;
        for (int i = 0; i < word.length(); i++) {
            final char c = word.charAt(i);
            if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
                letters++;
            } else if (c != '\'' && c != '-' && c != '\u2019') {
                return false;
            }
        }
        return letters >= 3;
    }

    static String misspell(final String word, final SplittableRandom random) {
        final StringBuilder text = new StringBuilder(word);
        int position;
        do {
            position = random.nextInt(text.length());
        } while (!isLetter(text.charAt(position)));
        final char c = text.charAt(position);
        switch (random.nextInt(4)) {
            case 0 -> text.setCharAt(position, neighbour(c, random));
            case 1 -> {
                final int other = position + 1 < text.length() && isLetter(text.charAt(position + 1)) ? position + 1 : position - 1;
                if (other >= 0 && isLetter(text.charAt(other)) && text.charAt(other) != c) {
                    text.setCharAt(position, text.charAt(other));
                    text.setCharAt(other, c);
                } else {
                    text.setCharAt(position, neighbour(c, random));
                }
            }
            case 2 -> text.deleteCharAt(position);
            default -> text.insert(position + 1, neighbour(c, random));
        }
        return text.toString();
    }

    private static boolean isLetter(final char c) {
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    }

    /** A key next to the letter's key on the same or an adjacent row, in the letter's case. */
    static char neighbour(final char letter, final SplittableRandom random) {
        final char lower = Character.toLowerCase(letter);
        final StringBuilder around = new StringBuilder();
        for (int row = 0; row < ROWS.length; row++) {
            final int column = ROWS[row].indexOf(lower);
            if (column < 0) {
                continue;
            }
            for (int r = Math.max(0, row - 1); r <= Math.min(ROWS.length - 1, row + 1); r++) {
                for (int c = column - 1; c <= column + 1; c++) {
                    if (c >= 0 && c < ROWS[r].length() && ROWS[r].charAt(c) != lower) {
                        around.append(ROWS[r].charAt(c));
                    }
                }
            }
        }
        final char chosen = around.charAt(random.nextInt(around.length()));
        return Character.isUpperCase(letter) ? Character.toUpperCase(chosen) : chosen;
    }
}
