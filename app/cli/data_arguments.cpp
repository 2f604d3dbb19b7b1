#include "app/cli/data_arguments.h"

#include <cstdio>

namespace convscope::cli {

Expected<DataSet> loadDataArgument(const Arguments &args, int defaultSize,
                                   FolderOptions::Color defaultColor)
{
    Expected<std::string> name = args.required("--data");
    if (!name)
        return name.error();
    FolderOptions options;
    options.color = defaultColor;
    Expected<int> size = args.number("--image-size", defaultSize);
    if (!size)
        return size.error();
    options.imageSize = *size;
    if (const std::optional<std::string> color = args.value("--color")) {
        if (*color != "rgb" && *color != "gray")
            return makeError("--color: '", *color, "' is neither rgb nor gray");
        options.color = *color == "rgb" ? FolderOptions::Color::Rgb : FolderOptions::Color::Gray;
    }
    Expected<DataSet> data = loadDataSet(*name, options);
    if (!data)
        return data;
    // Only pictures are resized and coloured; arrays come as their files hold them.
    if (data->recipe.empty() && (args.has("--image-size") || args.has("--color")))
        return makeError(args.has("--image-size") ? "--image-size" : "--color",
                         " is for a folder of pictures: ", data->name, "'s images are ",
                         data->inputShape().imageString(), " as its files hold them");
    constexpr size_t kListed = 20;
    if (!data->skipped.empty())
        std::fprintf(stderr, "skipped %zu file%s that could not be read:\n", data->skipped.size(),
                     data->skipped.size() == 1 ? "" : "s");
    for (size_t i = 0; i < data->skipped.size() && i < kListed; ++i)
        std::fprintf(stderr, "  %s\n", data->skipped[i].c_str());
    if (data->skipped.size() > kListed)
        std::fprintf(stderr, "  and %zu more\n", data->skipped.size() - kListed);
    return data;
}

} // namespace convscope::cli
