package org.integrityrisk.alignment;

import java.util.List;
import scala.jdk.javaapi.CollectionConverters;

/** Java values in the shape Spark's row encoder takes for array columns. */
final class SparkRows {
  private SparkRows() {}

  static scala.collection.immutable.Seq<Object> seq(List<?> values) {
    return CollectionConverters.asScala(List.<Object>copyOf(values)).toSeq();
  }
}
