package io.nifidq.processors.common;

import io.nifidq.processors.augment.AugmentProperties;
import io.nifidq.processors.classify.ClassifyProperties;
import io.nifidq.processors.clean.CleanProperties;
import io.nifidq.processors.profile.ProfileProperties;
import io.nifidq.processors.train.TrainProperties;
import org.apache.nifi.components.PropertyDescriptor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SharedDescriptorsTest {

    @Test
    void eachProcessorsRecordReaderAndWriterSayWhatThatProcessorDoesWithTheRecords() {
        assertEquals("Reads the records to profile (CSVReader, JsonTreeReader, AvroReader...).",
                ProfileProperties.RECORD_READER.getDescription());
        assertEquals("Reads the records to clean (CSVReader, JsonTreeReader, AvroReader...).", CleanProperties.RECORD_READER.getDescription());
        assertEquals("Reads the records to augment (CSVReader, JsonTreeReader, AvroReader...).",
                AugmentProperties.RECORD_READER.getDescription());
        assertEquals("Reads the records to train on (CSVReader, JsonTreeReader, AvroReader...).",
                TrainProperties.RECORD_READER.getDescription());
        assertEquals("Reads the records to classify (CSVReader, JsonTreeReader, AvroReader...).",
                ClassifyProperties.RECORD_READER.getDescription());
        assertEquals("Writes the cleaned records, and the rejected records with their reason field.",
                CleanProperties.RECORD_WRITER.getDescription());
        assertEquals("Writes the classified records, with the prediction fields added, to 'success' and to 'low confidence'.",
                ClassifyProperties.RECORD_WRITER.getDescription());
    }

    @Test
    void sharedPropertiesHaveOneNameAndKindWhereverTheyAppear() {
        for (final List<PropertyDescriptor> same : List.of(
                List.of(ProfileProperties.RECORD_READER, CleanProperties.RECORD_READER, AugmentProperties.RECORD_READER,
                        TrainProperties.RECORD_READER, ClassifyProperties.RECORD_READER),
                List.of(ProfileProperties.TEXT_FIELD, CleanProperties.TEXT_FIELD, AugmentProperties.TEXT_FIELD, TrainProperties.TEXT_FIELD,
                        ClassifyProperties.TEXT_FIELD),
                List.of(ProfileProperties.CHARACTER_SET, CleanProperties.CHARACTER_SET, AugmentProperties.CHARACTER_SET),
                List.of(CleanProperties.MAX_INVALID_BYTE_RATIO, AugmentProperties.MAX_INVALID_BYTE_RATIO),
                List.of(AugmentProperties.AUGMENTED_FIELD, TrainProperties.AUGMENTED_FIELD),
                List.of(AugmentProperties.SOURCE_INDEX_FIELD, TrainProperties.SOURCE_INDEX_FIELD))) {
            for (final PropertyDescriptor descriptor : same) {
                assertEquals(same.getFirst().getName(), descriptor.getName());
                assertEquals(same.getFirst().getExpressionLanguageScope(), descriptor.getExpressionLanguageScope(), descriptor.getName());
                assertEquals(same.getFirst().getControllerServiceDefinition(), descriptor.getControllerServiceDefinition());
            }
        }
        assertEquals("UTF-8", ProfileProperties.CHARACTER_SET.getDefaultValue());
        assertEquals(ProfileProperties.CHARACTER_SET.getDefaultValue(), CleanProperties.CHARACTER_SET.getDefaultValue());
        assertEquals(CleanProperties.MAX_INVALID_BYTE_RATIO.getDefaultValue(), AugmentProperties.MAX_INVALID_BYTE_RATIO.getDefaultValue());
        assertEquals("dq_augmented", TrainProperties.AUGMENTED_FIELD.getDefaultValue());
        assertEquals(AugmentProperties.AUGMENTED_FIELD.getDefaultValue(), TrainProperties.AUGMENTED_FIELD.getDefaultValue());
        assertEquals(AugmentProperties.SOURCE_INDEX_FIELD.getDefaultValue(), TrainProperties.SOURCE_INDEX_FIELD.getDefaultValue());
    }
}
