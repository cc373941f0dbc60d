package io.nifidq.quality.profile;

import java.io.IOException;

/**
 * Junk marks per character over many texts, with the sums a standard error needs: texts are the sampled units, so the rate
 * is a ratio estimate (marks over characters, text by text) and its variance comes from how each text's marks stray from
 * the rate times its length.
 */
final class JunkRate {

    private long marks;
    private long characters;
    private double marksSquared;
    private double marksTimesCharacters;
    private double charactersSquared;

    void add(final int textMarks, final int textCharacters) {
        marks += textMarks;
        characters += textCharacters;
        marksSquared += (double) textMarks * textMarks;
        marksTimesCharacters += (double) textMarks * textCharacters;
        charactersSquared += (double) textCharacters * textCharacters;
    }

    void merge(final JunkRate other) {
        marks += other.marks;
        characters += other.characters;
        marksSquared += other.marksSquared;
        marksTimesCharacters += other.marksTimesCharacters;
        charactersSquared += other.charactersSquared;
    }

    void writeTo(final ProfileOutput out) throws IOException {
        out.writeLong(marks);
        out.writeLong(characters);
        out.writeDouble(marksSquared);
        out.writeDouble(marksTimesCharacters);
        out.writeDouble(charactersSquared);
    }

    void readFrom(final ProfileInput in) throws IOException {
        marks = in.readNonNegative("the junk marks");
        characters = in.readNonNegative("the characters of the texts");
        marksSquared = in.readDouble();
        marksTimesCharacters = in.readDouble();
        charactersSquared = in.readDouble();
    }

    ProfileReport.JunkMarks report() {
        if (characters == 0) {
            return new ProfileReport.JunkMarks(0, 0, 0.0, 0.0);
        }
        final double rate = (double) marks / characters;
        // Sum over texts of (marks - rate * characters)^2, expanded; never below 0 through rounding.
        final double residuals = Math.max(0.0, marksSquared - 2 * rate * marksTimesCharacters + rate * rate * charactersSquared);
        return new ProfileReport.JunkMarks(marks, characters, Rounding.round(rate), Rounding.round(Math.sqrt(residuals) / characters));
    }
}
