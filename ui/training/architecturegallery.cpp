#include "ui/training/architecturegallery.h"

#include <QCoreApplication>

namespace convscope::ui {

namespace {

// The words of free functions, in a context of their own.
struct Words
{
    Q_DECLARE_TR_FUNCTIONS(convscope::ui::ArchitectureGallery)
};

} // namespace

const QList<GalleryEntry> &architectureGallery()
{
    static const QList<GalleryEntry> gallery = {
        {"lenet5", "1998",
         Words::tr(
             "LeCun's network for handwritten digits: two convolutions, each followed by "
             "subsampling, then dense layers. Sharing each filter's weights over the whole image "
             "gives translation equivariance with a fraction of an MLP's parameters.")},
        {"lecture-cnn", Words::tr("the lecture"),
         Words::tr("The lecture's network for 32×32 colour images: three 5×5 convolutions without "
                   "biases, each followed by a ReLU and a 2×2 max pool, and one dense layer. Its "
                   "33,120 weights against the MLP counterpart's 34 million are the point of "
                   "convolution.")},
        {"alexnet", "2012",
         Words::tr(
             "The network that won ImageNet 2012 by a wide margin: deep for its time, trained on "
             "GPUs, with ReLUs instead of saturating sigmoids, dropout against overfitting and "
             "data augmentation. Shown as torchvision's single-tower version, without local "
             "response normalisation.")},
        {"vgg16", "2014",
         Words::tr(
             "Depth from one simple rule: only 3×3 convolutions, stacked two or three at a time, "
             "and a 2×2 pool between stages. Two 3×3 layers see as far as one 5×5 with fewer "
             "weights and an extra non-linearity; most of the 138 million parameters sit in the "
             "first dense layer.")},
        {"googlenet", "2014",
         Words::tr(
             "The inception module runs 1×1, 3×3 and 5×5 convolutions and a pool side by side "
             "and concatenates their maps; 1×1 convolutions first shrink the channels so that "
             "this stays cheap. 22 layers with 7 million parameters, fewer than AlexNet. "
             "torchvision's version adds batch norm and uses a 3×3 kernel in the \"5×5\" "
             "branch.")},
        {"resnet18", "2015",
         Words::tr(
             "Residual blocks learn a change to their input, y = x + F(x): the skip connection "
             "carries the gradient straight to early layers, so that very deep networks train. "
             "Batch normalisation after every convolution, global average pooling at the end.")},
        {"resnet34", "2015",
         Words::tr(
             "The same basic blocks as ResNet-18, stacked 3, 4, 6 and 3 deep: twice the depth "
             "for a couple of points of accuracy.")},
        {"resnet50", "2015",
         Words::tr(
             "Bottleneck blocks — a 1×1 convolution to narrow the channels, a 3×3, and a 1×1 to "
             "widen them four times — make 50 layers cost little more than ResNet-34. "
             "torchvision strides in the 3×3 (ResNet v1.5).")},
        {"mini-vgg", Words::tr("this course"),
         Words::tr("VGG's idea at the digits' size: stages of two 3×3 convolutions and a 2×2 pool. "
                   "Batch norm after each convolution lets a stack this deep train in minutes.")},
        {"mini-inception", Words::tr("this course"),
         Words::tr(
             "Two inception modules on the digits, after a stem of two 3×3 convolutions as "
             "GoogLeNet has its own: four branches side by side, joined along the channels, then "
             "global average pooling instead of large dense layers.")},
        {"mini-resnet", Words::tr("this course"),
         Words::tr(
             "Three residual blocks with batch norm; the last two halve the map and double the "
             "channels, so their shortcuts are 1×1 projections with stride 2.")},
    };
    return gallery;
}

} // namespace convscope::ui
