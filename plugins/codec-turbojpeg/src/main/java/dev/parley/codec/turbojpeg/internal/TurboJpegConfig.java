package dev.parley.codec.turbojpeg.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(id = TurboJpegConfig.PID, name = "Parley TurboJPEG codec",
        description = "JPEG video through the system libturbojpeg; ranks above the ImageIO codec")
public @interface TurboJpegConfig {
    String PID = "parley.codec.turbojpeg";

    @AttributeDefinition(description = "JPEG quality from 1 (smallest) to 100 (best); outside values are clamped")
    int quality() default TurboJpegSettings.DEFAULT_QUALITY;

    @AttributeDefinition(description = "Chroma subsampling of encoded frames", options = {
            @Option(label = "4:2:0", value = "4:2:0"), @Option(label = "4:2:2", value = "4:2:2"),
            @Option(label = "4:4:4", value = "4:4:4"), @Option(label = "grey", value = "gray")})
    String subsampling() default "4:2:0";

    @AttributeDefinition(description = "Largest picture decoded, in pixels (width x height); larger frames are rejected as corrupt")
    long maxPixels() default TurboJpegSettings.DEFAULT_MAX_PIXELS;
}
