<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>QObject</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1을(를) 쓸 수 없습니다: %2</translation>
    </message>
    <message>
        <source>There is no feature map to export yet.</source>
        <translation>내보낼 특징 맵이 아직 없습니다.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>폴더 %1을(를) 만들 수 없습니다</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>초기화</translation>
    </message>
    <message>
        <source>Back to the defaults (Edit ▸ Undo takes it back)</source>
        <translation>기본값으로 되돌립니다 (편집 ▸ 실행 취소로 되돌릴 수 있습니다)</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;O = ⌊(I + P&lt;sub&gt;begin&lt;/sub&gt; + P&lt;sub&gt;end&lt;/sub&gt; − D·(K−1) − 1) / S⌋ + 1&lt;/b&gt;&lt;br&gt;%1&lt;/p&gt;&lt;p&gt;Effective kernel D·(K−1) + 1 = %2×%3; each output value reads a %2×%3 window of the input (%4 taps%5).&lt;br&gt;Output C&lt;sub&gt;out&lt;/sub&gt;×O&lt;sub&gt;h&lt;/sub&gt;×O&lt;sub&gt;w&lt;/sub&gt; = &lt;b&gt;%6×%7×%8&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;O = ⌊(I + P&lt;sub&gt;begin&lt;/sub&gt; + P&lt;sub&gt;end&lt;/sub&gt; − D·(K−1) − 1) / S⌋ + 1&lt;/b&gt;&lt;br&gt;%1&lt;/p&gt;&lt;p&gt;실효 커널 D·(K−1) + 1 = %2×%3: 출력값 하나는 입력의 %2×%3 창을 읽습니다 (탭 %4개%5).&lt;br&gt;출력 C&lt;sub&gt;out&lt;/sub&gt;×O&lt;sub&gt;h&lt;/sub&gt;×O&lt;sub&gt;w&lt;/sub&gt; = &lt;b&gt;%6×%7×%8&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>, with holes between them</source>
        <translation>, 사이사이에 구멍이 있음</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Output channel %1, row %2, column %3&lt;/b&gt; = Σ x·w + b&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;출력 채널 %1, 행 %2, 열 %3&lt;/b&gt; = Σ x·w + b&lt;/p&gt;</translation>
    </message>
    <message>
        <source>channel %1: %2 terms, Σ = %3&lt;br&gt;</source>
        <translation>채널 %1: 항 %2개, Σ = %3&lt;br&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;computed by the fast path: %1 %2&lt;/p&gt;</source>
        <translation>&lt;br&gt;빠른 경로로 계산한 값: %1 %2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;small&gt;&lt;span style=&apos;color:gray&apos;&gt;Grey&lt;/span&gt;: %1 terms read padding cells.&lt;/small&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;small&gt;&lt;span style=&apos;color:gray&apos;&gt;회색&lt;/span&gt;: 항 %1개가 패딩 칸을 읽습니다.&lt;/small&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>downscaled from %1×%2</source>
        <translation>%1×%2에서 축소함</translation>
    </message>
    <message>
        <source>input</source>
        <translation>입력</translation>
    </message>
    <message>
        <source>the image the network reads</source>
        <translation>네트워크가 읽는 이미지</translation>
    </message>
    <message>
        <source>one unit sees %1×%2 input pixels, from (%3, %4)</source>
        <translation>유닛 하나가 입력 픽셀 %1×%2개를 봅니다. 시작점 (%3, %4)</translation>
    </message>
</context>
<context>
    <name>Samples</name>
    <message>
        <source>Camera</source>
        <translation>카메라맨</translation>
    </message>
    <message>
        <source>Astronaut</source>
        <translation>우주비행사</translation>
    </message>
    <message>
        <source>public domain</source>
        <translation>퍼블릭 도메인</translation>
    </message>
    <message>
        <source>Coffee</source>
        <translation>커피</translation>
    </message>
    <message>
        <source>Chelsea the cat</source>
        <translation>고양이 첼시</translation>
    </message>
    <message>
        <source>Handwritten 3</source>
        <translation>손글씨 3</translation>
    </message>
    <message>
        <source>Checkerboard</source>
        <translation>체커보드</translation>
    </message>
    <message>
        <source>Lecture 7×7</source>
        <translation>강의 7×7</translation>
    </message>
    <message>
        <source>Lecture 4×4</source>
        <translation>강의 4×4</translation>
    </message>
    <message>
        <source>Binary cross 5×5</source>
        <translation>이진 십자 5×5</translation>
    </message>
</context>
<context>
    <name>convscope::core</name>
    <message>
        <source>output size</source>
        <translation>출력 크기</translation>
    </message>
    <message>
        <source>parameters</source>
        <translation>파라미터 수</translation>
    </message>
    <message>
        <source>multiply-adds</source>
        <translation>곱셈-덧셈 수</translation>
    </message>
    <message>
        <source>receptive field</source>
        <translation>수용 영역</translation>
    </message>
    <message>
        <source>pooled size</source>
        <translation>풀링 후 크기</translation>
    </message>
    <message>
        <source>C×H×W</source>
        <translation>C×H×W</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>숫자 하나</translation>
    </message>
    <message>
        <source>%1 filters of %2×%3×%4 slide over a %5×%6×%7 input with stride %8. What is the output&apos;s size?</source>
        <translation>%2×%3×%4 필터 %1개가 %5×%6×%7 입력 위를 스트라이드 %8로 움직입니다. 출력의 크기는 얼마입니까?</translation>
    </message>
    <message>
        <source>%1 filters of %2×%3×%4 slide over a %5×%6×%7 input with stride %8, dilation %9. What is the output&apos;s size?</source>
        <translation>%2×%3×%4 필터 %1개가 %5×%6×%7 입력 위를 스트라이드 %8, 팽창 %9로 움직입니다. 출력의 크기는 얼마입니까?</translation>
    </message>
    <message>
        <source>A convolutional layer has %1 filters of %2×%3 on a %4-channel input, each with a bias. How many parameters does it learn?</source>
        <translation>합성곱층에 %4채널 입력에 대한 %2×%3 필터가 %1개 있고, 각 필터에 편향이 있습니다. 학습하는 파라미터는 몇 개입니까?</translation>
    </message>
    <message>
        <source>A %1×%2×%3 feature map is max-pooled with a %4×%5 window, stride %6. What is the output&apos;s size?</source>
        <translation>%1×%2×%3 특징 맵을 %4×%5 창, 스트라이드 %6로 최대 풀링합니다. 출력의 크기는 얼마입니까?</translation>
    </message>
    <message>
        <source>A convolution with %1 filters of %2×%3 runs over a %4×%5×%6 input with stride %7. How many multiply-adds does it take for one image?</source>
        <translation>%2×%3 필터 %1개의 합성곱이 %4×%5×%6 입력 위를 스트라이드 %7로 지나갑니다. 이미지 하나에 곱셈-덧셈이 몇 번 필요합니까?</translation>
    </message>
    <message>
        <source>One filter of %1×%2×%3 slide over a %4×%5×%6 input with stride %7, zero padding %8. What is the output&apos;s size?</source>
        <translation>%1×%2×%3 필터 하나가 %4×%5×%6 입력 위를 스트라이드 %7, 제로 패딩 %8로 움직입니다. 출력의 크기는 얼마입니까?</translation>
    </message>
    <message>
        <source>A convolution with one filter of %1×%2 runs over a %3×%4×%5 input with stride %6. How many multiply-adds does it take for one image?</source>
        <translation>%1×%2 필터 하나의 합성곱이 %3×%4×%5 입력 위를 스트라이드 %6로 지나갑니다. 이미지 하나에 곱셈-덧셈이 몇 번 필요합니까?</translation>
    </message>
    <message>
        <source>A dense layer maps %1 inputs to %2 outputs, each with a bias. How many parameters does it learn?</source>
        <translation>완전 연결층이 입력 %1개를 출력 %2개로 보내고, 출력마다 편향이 있습니다. 학습하는 파라미터는 몇 개입니까?</translation>
    </message>
    <message>
        <source>A convolution with %1 filters of %2×%3 runs over a %4×%5×%6 input with stride %7, zero padding %8. How many multiply-adds does it take for one image?</source>
        <translation>%2×%3 필터 %1개의 합성곱이 %4×%5×%6 입력 위를 스트라이드 %7, 제로 패딩 %8로 지나갑니다. 이미지 하나에 곱셈-덧셈이 몇 번 필요합니까?</translation>
    </message>
    <message>
        <source>A %1×%2×%3 feature map is max-pooled with a %4×%5 window, stride %6, zero padding %7 and ceil_mode on (as GoogLeNet does). What is the output&apos;s size?</source>
        <translation>%1×%2×%3 특징 맵을 %4×%5 창, 스트라이드 %6, 제로 패딩 %7, ceil_mode를 켜고 (GoogLeNet처럼) 최대 풀링합니다. 출력의 크기는 얼마입니까?</translation>
    </message>
    <message>
        <source>A convolution with one filter of %1×%2 runs over a %3×%4×%5 input with stride %6, zero padding %7. How many multiply-adds does it take for one image?</source>
        <translation>%1×%2 필터 하나의 합성곱이 %3×%4×%5 입력 위를 스트라이드 %6, 제로 패딩 %7로 지나갑니다. 이미지 하나에 곱셈-덧셈이 몇 번 필요합니까?</translation>
    </message>
    <message>
        <source>%1 filters of %2×%3×%4 slide over a %5×%6×%7 input with stride %8, zero padding %9. What is the output&apos;s size?</source>
        <translation>%2×%3×%4 필터 %1개가 %5×%6×%7 입력 위를 스트라이드 %8, 제로 패딩 %9로 움직입니다. 출력의 크기는 얼마입니까?</translation>
    </message>
    <message>
        <source>A convolutional layer has %1 filters of %2×%3 on a %4-channel input, without biases. How many parameters does it learn?</source>
        <translation>합성곱층에 %4채널 입력에 대한 %2×%3 필터가 %1개 있고, 편향은 없습니다. 학습하는 파라미터는 몇 개입니까?</translation>
    </message>
    <message>
        <source>A %1×%2×%3 feature map is max-pooled with a %4×%5 window, stride %6, zero padding %7. What is the output&apos;s size?</source>
        <translation>%1×%2×%3 특징 맵을 %4×%5 창, 스트라이드 %6, 제로 패딩 %7로 최대 풀링합니다. 출력의 크기는 얼마입니까?</translation>
    </message>
    <message>
        <source>A %1×%2×%3 feature map is max-pooled with a %4×%5 window, stride %6 and ceil_mode on (as GoogLeNet does). What is the output&apos;s size?</source>
        <translation>%1×%2×%3 특징 맵을 %4×%5 창, 스트라이드 %6, ceil_mode를 켜고 (GoogLeNet처럼) 최대 풀링합니다. 출력의 크기는 얼마입니까?</translation>
    </message>
    <message>
        <source>One filter of %1×%2×%3 slide over a %4×%5×%6 input with stride %7. What is the output&apos;s size?</source>
        <translation>%1×%2×%3 필터 하나가 %4×%5×%6 입력 위를 스트라이드 %7로 움직입니다. 출력의 크기는 얼마입니까?</translation>
    </message>
    <message>
        <source>%1 filters of %2×%3×%4 slide over a %5×%6×%7 input with stride %8, zero padding %9, dilation %10. What is the output&apos;s size?</source>
        <translation>%2×%3×%4 필터 %1개가 %5×%6×%7 입력 위를 스트라이드 %8, 제로 패딩 %9, 팽창 %10으로 움직입니다. 출력의 크기는 얼마입니까?</translation>
    </message>
    <message>
        <source>One filter of %1×%2×%3 slide over a %4×%5×%6 input with stride %7, dilation %8. What is the output&apos;s size?</source>
        <translation>%1×%2×%3 필터 하나가 %4×%5×%6 입력 위를 스트라이드 %7, 팽창 %8로 움직입니다. 출력의 크기는 얼마입니까?</translation>
    </message>
    <message>
        <source>One filter of %1×%2×%3 slide over a %4×%5×%6 input with stride %7, zero padding %8, dilation %9. What is the output&apos;s size?</source>
        <translation>%1×%2×%3 필터 하나가 %4×%5×%6 입력 위를 스트라이드 %7, 제로 패딩 %8, 팽창 %9로 움직입니다. 출력의 크기는 얼마입니까?</translation>
    </message>
    <message>
        <source>O_h = floor((%1 + %2 + %3 − %4·(%5−%6) − %7) / %8) + %9 = %10</source>
        <translation>O_h = floor((%1 + %2 + %3 − %4·(%5−%6) − %7) / %8) + %9 = %10</translation>
    </message>
    <message>
        <source>O_w = floor((%1 + %2 + %3 − %4·(%5−%6) − %7) / %8) + %9 = %10</source>
        <translation>O_w = floor((%1 + %2 + %3 − %4·(%5−%6) − %7) / %8) + %9 = %10</translation>
    </message>
    <message>
        <source>C_out = %1: one channel per filter, each filter %2×%3×%4 spanning all the input&apos;s channels</source>
        <translation>C_out = %1: 필터마다 채널 하나, 각 필터는 입력의 모든 채널에 걸친 %2×%3×%4</translation>
    </message>
    <message>
        <source>the input&apos;s height and width do not matter: the filters are shared across the image</source>
        <translation>입력의 높이와 너비는 상관없습니다: 필터는 이미지 전체에서 공유됩니다</translation>
    </message>
    <message>
        <source>each filter has C_in·K_h·K_w = %1·%2·%3 = %4 weights and one bias</source>
        <translation>필터마다 가중치 C_in·K_h·K_w = %1·%2·%3 = %4개와 편향 하나</translation>
    </message>
    <message>
        <source>F·(C_in·K_h·K_w + %1) = %2·(%3 + %4) = %5</source>
        <translation>F·(C_in·K_h·K_w + %1) = %2·(%3 + %4) = %5</translation>
    </message>
    <message>
        <source>pooling works on each channel alone: C stays %1</source>
        <translation>풀링은 채널마다 따로 작동합니다: C는 %1 그대로</translation>
    </message>
    <message>
        <source>each output value is a dot product of C_in·K_h·K_w = %1·%2·%3 = %4 multiply-adds</source>
        <translation>출력값 하나는 C_in·K_h·K_w = %1·%2·%3 = %4번의 곱셈-덧셈으로 된 내적입니다</translation>
    </message>
    <message>
        <source>C_out·H_out·W_out·C_in·K_h·K_w = %1·%2·%3·%4·%5·%6 = %7</source>
        <translation>C_out·H_out·W_out·C_in·K_h·K_w = %1·%2·%3·%4·%5·%6 = %7</translation>
    </message>
    <message>
        <source>start from one input pixel: r₀ = %1, jump j₀ = %2</source>
        <translation>입력 픽셀 하나에서 시작합니다: r₀ = %1, 점프 j₀ = %2</translation>
    </message>
    <message>
        <source>layer %1, conv %2×%3 (stride %4): r%5 = r%6 + D·(K−%7)·j%8 = %9 + %10·%11·%12 = %13, j%14 = j%15·S = %16·%17 = %18</source>
        <translation>%1층, 합성곱 %2×%3 (스트라이드 %4): r%5 = r%6 + D·(K−%7)·j%8 = %9 + %10·%11·%12 = %13, j%14 = j%15·S = %16·%17 = %18</translation>
    </message>
    <message>
        <source>layer %1, conv %2×%3 (stride %4, dilation %5): r%6 = r%7 + D·(K−%8)·j%9 = %10 + %11·%12·%13 = %14, j%15 = j%16·S = %17·%18 = %19</source>
        <translation>%1층, 합성곱 %2×%3 (스트라이드 %4, 팽창 %5): r%6 = r%7 + D·(K−%8)·j%9 = %10 + %11·%12·%13 = %14, j%15 = j%16·S = %17·%18 = %19</translation>
    </message>
    <message>
        <source>one weight for every input of every output, and a bias per output: in·out + out = %1·%2 + %3 = %4</source>
        <translation>모든 출력이 모든 입력마다 가중치 하나, 출력마다 편향 하나: 입력·출력 + 출력 = %1·%2 + %3 = %4</translation>
    </message>
    <message>
        <source>O_h = ceil((%1 + %2 + %3 − %4·(%5−%6) − %7) / %8) + %9 = %10</source>
        <translation>O_h = ceil((%1 + %2 + %3 − %4·(%5−%6) − %7) / %8) + %9 = %10</translation>
    </message>
    <message>
        <source>O_w = ceil((%1 + %2 + %3 − %4·(%5−%6) − %7) / %8) + %9 = %10</source>
        <translation>O_w = ceil((%1 + %2 + %3 − %4·(%5−%6) − %7) / %8) + %9 = %10</translation>
    </message>
    <message>
        <source>each filter has C_in·K_h·K_w = %1·%2·%3 = %4 weights</source>
        <translation>필터마다 가중치 C_in·K_h·K_w = %1·%2·%3 = %4개</translation>
    </message>
    <message>
        <source>F·C_in·K_h·K_w = %1·%2 = %3</source>
        <translation>F·C_in·K_h·K_w = %1·%2 = %3</translation>
    </message>
    <message>
        <source>layer %1, max pool %2×%3 (stride %4): r%5 = r%6 + D·(K−%7)·j%8 = %9 + %10·%11·%12 = %13, j%14 = j%15·S = %16·%17 = %18</source>
        <translation>%1층, 최대 풀링 %2×%3 (스트라이드 %4): r%5 = r%6 + D·(K−%7)·j%8 = %9 + %10·%11·%12 = %13, j%14 = j%15·S = %16·%17 = %18</translation>
    </message>
    <message>
        <source>O_h = ceil((%1 + %2 + %3 − %4·(%5−%6) − %7) / %8) + %9 − %10 = %11 (the last window would start in the padding)</source>
        <translation>O_h = ceil((%1 + %2 + %3 − %4·(%5−%6) − %7) / %8) + %9 − %10 = %11 (마지막 창은 패딩에서 시작하게 되므로 뺍니다)</translation>
    </message>
    <message>
        <source>O_w = ceil((%1 + %2 + %3 − %4·(%5−%6) − %7) / %8) + %9 − %10 = %11 (the last window would start in the padding)</source>
        <translation>O_w = ceil((%1 + %2 + %3 − %4·(%5−%6) − %7) / %8) + %9 − %10 = %11 (마지막 창은 패딩에서 시작하게 되므로 뺍니다)</translation>
    </message>
    <message>
        <source>Right: %1×%2×%3.</source>
        <translation>정답: %1×%2×%3.</translation>
    </message>
    <message>
        <source>Type three numbers, C×H×W, e.g. %1×%2×%3.</source>
        <translation>숫자 세 개를 C×H×W로 입력하세요. 예: %1×%2×%3.</translation>
    </message>
    <message>
        <source>The height and width %1×%2 are right: write the channels too, C×H×W.</source>
        <translation>높이와 너비 %1×%2는 맞습니다: 채널도 함께 C×H×W로 쓰세요.</translation>
    </message>
    <message>
        <source>Right: %1.</source>
        <translation>정답: %1.</translation>
    </message>
    <message>
        <source>Not quite: the answer is %1.</source>
        <translation>아쉽습니다: 정답은 %1입니다.</translation>
    </message>
    <message>
        <source>Type one number, e.g. %1.</source>
        <translation>숫자 하나를 입력하세요. 예: %1.</translation>
    </message>
    <message>
        <source>O_h = floor((%1 + ? + ? − %2·(%3−%4) − %5) / %6) + %7 = undefined</source>
        <translation>O_h = floor((%1 + ? + ? − %2·(%3−%4) − %5) / %6) + %7 = 정의되지 않음</translation>
    </message>
    <message>
        <source>O_w = floor((%1 + ? + ? − %2·(%3−%4) − %5) / %6) + %7 = undefined (stride %8)</source>
        <translation>O_w = floor((%1 + ? + ? − %2·(%3−%4) − %5) / %6) + %7 = 정의되지 않음 (스트라이드 %8)</translation>
    </message>
    <message>
        <source>O_w = ceil((%1 + ? + ? − %2·(%3−%4) − %5) / %6) + %7 = undefined (stride %8)</source>
        <translation>O_w = ceil((%1 + ? + ? − %2·(%3−%4) − %5) / %6) + %7 = 정의되지 않음 (스트라이드 %8)</translation>
    </message>
    <message>
        <source>O_w = floor((%1 + ? + ? − %2·(%3−%4) − %5) / %6) + %7 = undefined</source>
        <translation>O_w = floor((%1 + ? + ? − %2·(%3−%4) − %5) / %6) + %7 = 정의되지 않음</translation>
    </message>
    <message>
        <source>O_h = ceil((%1 + %2 + %3 − %4·(%5−%6) − %7) / %8) + %9 = undefined (stride %10)</source>
        <translation>O_h = ceil((%1 + %2 + %3 − %4·(%5−%6) − %7) / %8) + %9 = 정의되지 않음 (스트라이드 %10)</translation>
    </message>
    <message>
        <source>O_h = floor((%1 + %2 + %3 − %4·(%5−%6) − %7) / %8) + %9 = undefined (stride %10)</source>
        <translation>O_h = floor((%1 + %2 + %3 − %4·(%5−%6) − %7) / %8) + %9 = 정의되지 않음 (스트라이드 %10)</translation>
    </message>
    <message>
        <source>O_h = ceil((%1 + ? + ? − %2·(%3−%4) − %5) / %6) + %7 = undefined</source>
        <translation>O_h = ceil((%1 + ? + ? − %2·(%3−%4) − %5) / %6) + %7 = 정의되지 않음</translation>
    </message>
    <message>
        <source>O_w = floor((%1 + %2 + %3 − %4·(%5−%6) − %7) / %8) + %9 = undefined (stride %10)</source>
        <translation>O_w = floor((%1 + %2 + %3 − %4·(%5−%6) − %7) / %8) + %9 = 정의되지 않음 (스트라이드 %10)</translation>
    </message>
    <message>
        <source>O_h = floor((%1 + ? + ? − %2·(%3−%4) − %5) / %6) + %7 = undefined (stride %8)</source>
        <translation>O_h = floor((%1 + ? + ? − %2·(%3−%4) − %5) / %6) + %7 = 정의되지 않음 (스트라이드 %8)</translation>
    </message>
    <message>
        <source>O_h = ceil((%1 + ? + ? − %2·(%3−%4) − %5) / %6) + %7 = undefined (stride %8)</source>
        <translation>O_h = ceil((%1 + ? + ? − %2·(%3−%4) − %5) / %6) + %7 = 정의되지 않음 (스트라이드 %8)</translation>
    </message>
    <message>
        <source>O_w = ceil((%1 + ? + ? − %2·(%3−%4) − %5) / %6) + %7 = undefined</source>
        <translation>O_w = ceil((%1 + ? + ? − %2·(%3−%4) − %5) / %6) + %7 = 정의되지 않음</translation>
    </message>
    <message>
        <source>O_w = ceil((%1 + %2 + %3 − %4·(%5−%6) − %7) / %8) + %9 = undefined (stride %10)</source>
        <translation>O_w = ceil((%1 + %2 + %3 − %4·(%5−%6) − %7) / %8) + %9 = 정의되지 않음 (스트라이드 %10)</translation>
    </message>
    <message>
        <source>dilation %1 on the height: a dilation must be at least %2 (%3 is an ordinary, hole-free kernel)</source>
        <translation>높이의 팽창 %1: 팽창은 %2 이상이어야 합니다 (%3은 구멍 없는 보통 커널)</translation>
    </message>
    <message>
        <source>the output would be %1×%2 = %3 pixels per channel, more than the %4 ConvScope computes: use less padding, a larger stride or a smaller input</source>
        <translation>출력이 %1×%2 = 채널당 %3픽셀이 되어 ConvScope가 계산하는 %4픽셀을 넘습니다: 패딩을 줄이거나, 스트라이드를 키우거나, 입력을 줄이세요</translation>
    </message>
    <message>
        <source>the input width is %1: an image needs at least %2×%3 pixels</source>
        <translation>입력 너비가 %1입니다: 이미지는 최소 %2×%3 픽셀이어야 합니다</translation>
    </message>
    <message>
        <source>padding %1 at the right: padding cannot be negative</source>
        <translation>오른쪽 패딩 %1: 패딩은 음수일 수 없습니다</translation>
    </message>
    <message>
        <source>kernel height %1: a kernel needs at least %2 row and %3 column</source>
        <translation>커널 높이 %1: 커널은 최소 %2행 %3열이어야 합니다</translation>
    </message>
    <message>
        <source>the input height is %1: an image needs at least %2×%3 pixels</source>
        <translation>입력 높이가 %1입니다: 이미지는 최소 %2×%3 픽셀이어야 합니다</translation>
    </message>
    <message>
        <source>stride %1 on the height: a stride must be at least %2 (%3 visits every position, %4 every other)</source>
        <translation>높이의 스트라이드 %1: 스트라이드는 %2 이상이어야 합니다 (%3은 모든 위치를, %4는 한 칸 건너 방문)</translation>
    </message>
    <message>
        <source>stride %1 on the width: a stride must be at least %2 (%3 visits every position, %4 every other)</source>
        <translation>너비의 스트라이드 %1: 스트라이드는 %2 이상이어야 합니다 (%3은 모든 위치를, %4는 한 칸 건너 방문)</translation>
    </message>
    <message>
        <source>kernel width %1: a kernel needs at least %2 row and %3 column</source>
        <translation>커널 너비 %1: 커널은 최소 %2행 %3열이어야 합니다</translation>
    </message>
    <message>
        <source>padding %1 at the bottom: padding cannot be negative</source>
        <translation>아래쪽 패딩 %1: 패딩은 음수일 수 없습니다</translation>
    </message>
    <message>
        <source>dilation %1 on the width: a dilation must be at least %2 (%3 is an ordinary, hole-free kernel)</source>
        <translation>너비의 팽창 %1: 팽창은 %2 이상이어야 합니다 (%3은 구멍 없는 보통 커널)</translation>
    </message>
    <message>
        <source>reflect padding %1 at the left needs an input width of at least %2, but it is %3: use a padding of at most %4, or pad with zero or replicate</source>
        <translation>왼쪽 반사 패딩 %1에는 입력 너비가 %2 이상이어야 하지만 %3입니다: 패딩을 %4 이하로 하거나, 제로 또는 복제 패딩을 쓰세요</translation>
    </message>
    <message>
        <source>padding %1 at the top: padding cannot be negative</source>
        <translation>위쪽 패딩 %1: 패딩은 음수일 수 없습니다</translation>
    </message>
    <message>
        <source>padded input %1×%2 is smaller than the dilated kernel %3×%4: on the width add at least %5 padding, or use a smaller kernel or dilation, or a larger input</source>
        <translation>패딩한 입력 %1×%2가 팽창한 커널 %3×%4보다 작습니다: 너비에 패딩을 %5 이상 더하거나, 더 작은 커널이나 팽창, 또는 더 큰 입력을 쓰세요</translation>
    </message>
    <message>
        <source>reflect padding %1 at the top needs an input height of at least %2, but it is %3: use a padding of at most %4, or pad with zero or replicate</source>
        <translation>위쪽 반사 패딩 %1에는 입력 높이가 %2 이상이어야 하지만 %3입니다: 패딩을 %4 이하로 하거나, 제로 또는 복제 패딩을 쓰세요</translation>
    </message>
    <message>
        <source>padding %1 at the left: padding cannot be negative</source>
        <translation>왼쪽 패딩 %1: 패딩은 음수일 수 없습니다</translation>
    </message>
    <message>
        <source>padded input %1×%2 is smaller than the dilated kernel %3×%4: on the height add at least %5 padding, or use a smaller kernel or dilation, or a larger input</source>
        <translation>패딩한 입력 %1×%2가 팽창한 커널 %3×%4보다 작습니다: 높이에 패딩을 %5 이상 더하거나, 더 작은 커널이나 팽창, 또는 더 큰 입력을 쓰세요</translation>
    </message>
    <message>
        <source>reflect padding %1 at the right needs an input width of at least %2, but it is %3: use a padding of at most %4, or pad with zero or replicate</source>
        <translation>오른쪽 반사 패딩 %1에는 입력 너비가 %2 이상이어야 하지만 %3입니다: 패딩을 %4 이하로 하거나, 제로 또는 복제 패딩을 쓰세요</translation>
    </message>
    <message>
        <source>padded input %1×%2 is smaller than the kernel %3×%4: on the height add at least %5 padding, or use a smaller kernel or dilation, or a larger input</source>
        <translation>패딩한 입력 %1×%2가 커널 %3×%4보다 작습니다: 높이에 패딩을 %5 이상 더하거나, 더 작은 커널이나 팽창, 또는 더 큰 입력을 쓰세요</translation>
    </message>
    <message>
        <source>padded input %1×%2 is smaller than the kernel %3×%4: on the width add at least %5 padding, or use a smaller kernel or dilation, or a larger input</source>
        <translation>패딩한 입력 %1×%2가 커널 %3×%4보다 작습니다: 너비에 패딩을 %5 이상 더하거나, 더 작은 커널이나 팽창, 또는 더 큰 입력을 쓰세요</translation>
    </message>
    <message>
        <source>reflect padding %1 at the bottom needs an input height of at least %2, but it is %3: use a padding of at most %4, or pad with zero or replicate</source>
        <translation>아래쪽 반사 패딩 %1에는 입력 높이가 %2 이상이어야 하지만 %3입니다: 패딩을 %4 이하로 하거나, 제로 또는 복제 패딩을 쓰세요</translation>
    </message>
    <message>
        <source>diverging</source>
        <translation>발산형</translation>
    </message>
    <message>
        <source>gray</source>
        <translation>회색조</translation>
    </message>
    <message>
        <source>viridis</source>
        <translation>viridis</translation>
    </message>
    <message>
        <source>min-max</source>
        <translation>최소-최대</translation>
    </message>
    <message>
        <source>symmetric</source>
        <translation>대칭</translation>
    </message>
    <message>
        <source>clamp</source>
        <translation>잘라내기</translation>
    </message>
    <message>
        <source>the largest field over the block&apos;s paths: r = %1, j = %2</source>
        <translation>블록의 경로 중 가장 큰 영역: r = %1, j = %2</translation>
    </message>
    <message>
        <source>r = r′ + D·(K−%1)·j′ = %2 + %3·(%4−%5)·%6 = %7, j = j′·S = %8·%9 = %10, start = %11</source>
        <translation>r = r′ + D·(K−%1)·j′ = %2 + %3·(%4−%5)·%6 = %7, j = j′·S = %8·%9 = %10, 시작 = %11</translation>
    </message>
    <message>
        <source>every value of its input, which already sees the whole image: r = %1, j = %2</source>
        <translation>입력의 모든 값. 입력이 이미 이미지 전체를 봅니다: r = %1, j = %2</translation>
    </message>
    <message>
        <source>every value of its input: r = %1, j = %2</source>
        <translation>입력의 모든 값: r = %1, j = %2</translation>
    </message>
    <message>
        <source>unchanged: it works on each value where it is</source>
        <translation>그대로: 각 값에 제자리에서 작동합니다</translation>
    </message>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>준비됨</translation>
    </message>
    <message>
        <source>running</source>
        <translation>학습 중</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>일시정지됨</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>완료됨</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>멈춤</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>tiny CNN</source>
        <translation>작은 CNN</translation>
    </message>
    <message>
        <source>MLP (no convolution)</source>
        <translation>MLP (합성곱 없음)</translation>
    </message>
    <message>
        <source>Mini VGG</source>
        <translation>미니 VGG</translation>
    </message>
    <message>
        <source>Mini Inception</source>
        <translation>미니 Inception</translation>
    </message>
    <message>
        <source>Mini ResNet</source>
        <translation>미니 ResNet</translation>
    </message>
    <message>
        <source>Lecture CNN</source>
        <translation>강의의 CNN</translation>
    </message>
</context>
<context>
    <name>convscope::ui::AboutDialog</name>
    <message>
        <source>About ConvScope</source>
        <translation>ConvScope 정보</translation>
    </message>
    <message>
        <source>&lt;h2&gt;ConvScope %1&lt;/h2&gt;&lt;p&gt;A desktop lab for seeing how convolutional neural networks work.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;ConvScope %1&lt;/h2&gt;&lt;p&gt;합성곱 신경망이 어떻게 작동하는지 눈으로 보는 데스크톱 실험실.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;ConvScope is free software: you can redistribute it and/or modify it under the terms of the GNU General Public License, version 3 or (at your option) any later version.&lt;/p&gt;</source>
        <translation>&lt;p&gt;ConvScope는 자유 소프트웨어입니다: GNU 일반 공중 사용 허가서 버전 3 또는 (선택에 따라) 그 이후 버전의 조건에 따라 재배포하거나 수정할 수 있습니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Sample photographs</source>
        <translation>샘플 사진</translation>
    </message>
    <message>
        <source>public domain and CC0 (scikit-image&apos;s data; see LICENSES.md)</source>
        <translation>퍼블릭 도메인과 CC0 (scikit-image의 데이터, LICENSES.md 참고)</translation>
    </message>
</context>
<context>
    <name>convscope::ui::ArchitectureGallery</name>
    <message>
        <source>LeCun&apos;s network for handwritten digits: two convolutions, each followed by subsampling, then dense layers. Sharing each filter&apos;s weights over the whole image gives translation equivariance with a fraction of an MLP&apos;s parameters.</source>
        <translation>손글씨 숫자를 위한 LeCun의 네트워크: 합성곱 두 개 뒤에 각각 서브샘플링이 오고, 이어서 완전 연결층이 옵니다. 필터마다 가중치를 이미지 전체에서 공유하므로 MLP 파라미터의 일부만으로 이동 등변성을 얻습니다.</translation>
    </message>
    <message>
        <source>the lecture</source>
        <translation>강의</translation>
    </message>
    <message>
        <source>The lecture&apos;s network for 32×32 colour images: three 5×5 convolutions without biases, each followed by a ReLU and a 2×2 max pool, and one dense layer. Its 33,120 weights against the MLP counterpart&apos;s 34 million are the point of convolution.</source>
        <translation>32×32 컬러 이미지를 위한 강의의 네트워크: 편향 없는 5×5 합성곱 세 개 뒤에 각각 ReLU와 2×2 최대 풀링이 오고, 완전 연결층 하나가 있습니다. MLP로 만들면 3,400만 개인 가중치가 33,120개라는 것이 합성곱의 요점입니다.</translation>
    </message>
    <message>
        <source>The network that won ImageNet 2012 by a wide margin: deep for its time, trained on GPUs, with ReLUs instead of saturating sigmoids, dropout against overfitting and data augmentation. Shown as torchvision&apos;s single-tower version, without local response normalisation.</source>
        <translation>2012년 ImageNet에서 큰 차이로 우승한 네트워크: 당시로서는 깊고, GPU로 학습했으며, 포화되는 시그모이드 대신 ReLU를, 과적합에 맞서 드롭아웃과 데이터 증강을 썼습니다. torchvision의 단일 타워 버전으로, 국소 응답 정규화 없이 보여 줍니다.</translation>
    </message>
    <message>
        <source>Depth from one simple rule: only 3×3 convolutions, stacked two or three at a time, and a 2×2 pool between stages. Two 3×3 layers see as far as one 5×5 with fewer weights and an extra non-linearity; most of the 138 million parameters sit in the first dense layer.</source>
        <translation>단순한 규칙 하나로 얻은 깊이: 3×3 합성곱만 두세 개씩 쌓고, 단계 사이에 2×2 풀링을 둡니다. 3×3층 두 개는 5×5 하나만큼 멀리 보면서 가중치가 더 적고 비선형성이 하나 더 있습니다. 1억 3,800만 파라미터 대부분은 첫 완전 연결층에 있습니다.</translation>
    </message>
    <message>
        <source>The inception module runs 1×1, 3×3 and 5×5 convolutions and a pool side by side and concatenates their maps; 1×1 convolutions first shrink the channels so that this stays cheap. 22 layers with 7 million parameters, fewer than AlexNet. torchvision&apos;s version adds batch norm and uses a 3×3 kernel in the &quot;5×5&quot; branch.</source>
        <translation>인셉션 모듈은 1×1, 3×3, 5×5 합성곱과 풀링을 나란히 실행하고 그 맵들을 이어 붙입니다. 먼저 1×1 합성곱이 채널을 줄여 계산을 싸게 유지합니다. 22층, 파라미터 700만 개로 AlexNet보다 적습니다. torchvision 버전은 배치 정규화를 더하고 &quot;5×5&quot; 가지에 3×3 커널을 씁니다.</translation>
    </message>
    <message>
        <source>Residual blocks learn a change to their input, y = x + F(x): the skip connection carries the gradient straight to early layers, so that very deep networks train. Batch normalisation after every convolution, global average pooling at the end.</source>
        <translation>잔차 블록은 입력에 대한 변화량을 학습합니다, y = x + F(x): 스킵 연결이 기울기를 앞쪽 층으로 곧장 전달하므로 아주 깊은 네트워크도 학습됩니다. 모든 합성곱 뒤에 배치 정규화, 끝에 전역 평균 풀링이 있습니다.</translation>
    </message>
    <message>
        <source>The same basic blocks as ResNet-18, stacked 3, 4, 6 and 3 deep: twice the depth for a couple of points of accuracy.</source>
        <translation>ResNet-18과 같은 기본 블록을 3, 4, 6, 3개씩 쌓았습니다: 깊이는 두 배, 정확도는 몇 포인트 더.</translation>
    </message>
    <message>
        <source>Bottleneck blocks — a 1×1 convolution to narrow the channels, a 3×3, and a 1×1 to widen them four times — make 50 layers cost little more than ResNet-34. torchvision strides in the 3×3 (ResNet v1.5).</source>
        <translation>병목 블록(채널을 좁히는 1×1 합성곱, 3×3, 채널을 네 배로 넓히는 1×1) 덕분에 50층이 ResNet-34보다 조금 더 들 뿐입니다. torchvision은 3×3에서 스트라이드합니다 (ResNet v1.5).</translation>
    </message>
    <message>
        <source>this course</source>
        <translation>이 강좌</translation>
    </message>
    <message>
        <source>VGG&apos;s idea at the digits&apos; size: stages of two 3×3 convolutions and a 2×2 pool. Batch norm after each convolution lets a stack this deep train in minutes.</source>
        <translation>숫자 크기로 옮긴 VGG의 아이디어: 3×3 합성곱 두 개와 2×2 풀링으로 된 단계들. 합성곱마다 뒤따르는 배치 정규화 덕분에 이만큼 깊은 층도 몇 분 만에 학습됩니다.</translation>
    </message>
    <message>
        <source>Two inception modules on the digits, after a stem of two 3×3 convolutions as GoogLeNet has its own: four branches side by side, joined along the channels, then global average pooling instead of large dense layers.</source>
        <translation>GoogLeNet처럼 3×3 합성곱 두 개로 된 줄기 뒤에 숫자용 인셉션 모듈 두 개: 네 가지가 나란히 돌고 채널 방향으로 합쳐진 뒤, 큰 완전 연결층 대신 전역 평균 풀링이 옵니다.</translation>
    </message>
    <message>
        <source>Three residual blocks with batch norm; the last two halve the map and double the channels, so their shortcuts are 1×1 projections with stride 2.</source>
        <translation>배치 정규화가 있는 잔차 블록 세 개. 뒤의 두 블록은 맵을 절반으로 줄이고 채널을 두 배로 늘리므로, 지름길은 스트라이드 2의 1×1 투영입니다.</translation>
    </message>
</context>
<context>
    <name>convscope::ui::ArchitecturesPage</name>
    <message>
        <source>Open in Network page</source>
        <translation>네트워크 페이지에서 열기</translation>
    </message>
    <message>
        <source>Receptive field of the chosen layer</source>
        <translation>선택한 층의 수용 영역</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>층</translation>
    </message>
    <message>
        <source>Parameters and multiply-adds</source>
        <translation>파라미터와 곱셈-덧셈</translation>
    </message>
    <message>
        <source>Open model…</source>
        <translation>모델 열기…</translation>
    </message>
    <message>
        <source>Show the layers of a model file: a .csm saved by ConvScope or an .onnx exported from PyTorch</source>
        <translation>모델 파일의 층을 보여 줍니다: ConvScope가 저장한 .csm 또는 PyTorch에서 내보낸 .onnx</translation>
    </message>
    <message>
        <source>See the field of the chosen layer drawn on a picture, the geometry&apos;s and the gradient&apos;s, on the Receptive Field page</source>
        <translation>선택한 층의 영역을 사진 위에 그려 봅니다. 기하학적 영역과 기울기 영역을 수용 영역 페이지에서 볼 수 있습니다</translation>
    </message>
    <message>
        <source>trains here on the 28×28 digits</source>
        <translation>여기서 28×28 숫자로 학습합니다</translation>
    </message>
    <message>
        <source>Architectures: %1, %2 parameters</source>
        <translation>아키텍처: %1, 파라미터 %2개</translation>
    </message>
    <message>
        <source>Input %1, %2 classes · &lt;b&gt;%3 parameters&lt;/b&gt;, %4 multiply-adds per image · an MLP with a dense layer as large as each stage&apos;s output would have %5 parameters.</source>
        <translation>입력 %1, 클래스 %2개 · &lt;b&gt;파라미터 %3개&lt;/b&gt;, 이미지당 곱셈-덧셈 %4번 · 단계마다 출력만큼 큰 완전 연결층을 둔 MLP라면 파라미터가 %5개입니다.</translation>
    </message>
    <message>
        <source>Read from %1 (%2): its layers as ConvScope builds them, blocks where the graph forks and joins.</source>
        <translation>%1 (%2)에서 읽었습니다: ConvScope가 만든 층들이며, 그래프가 갈라지고 합쳐지는 곳은 블록입니다.</translation>
    </message>
    <message>
        <source>opens with its weights on the Training page</source>
        <translation>학습 페이지에서 가중치와 함께 열립니다</translation>
    </message>
    <message>
        <source>the Inspect page runs it on a picture (File ▸ Inspect Model…); the Training page takes 1×28×28 digit models</source>
        <translation>검사 페이지에서 사진에 실행할 수 있습니다 (파일 ▸ 모델 검사…). 학습 페이지는 1×28×28 숫자 모델을 받습니다</translation>
    </message>
    <message>
        <source>Open a model to see its layers</source>
        <translation>모델을 열면 층이 보입니다</translation>
    </message>
    <message>
        <source>Models (*.csm *.onnx)</source>
        <translation>모델 (*.csm *.onnx)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 읽는 중…</translation>
    </message>
    <message>
        <source>ONNX, %1</source>
        <translation>ONNX, %1</translation>
    </message>
    <message>
        <source>a ConvScope model</source>
        <translation>ConvScope 모델</translation>
    </message>
</context>
<context>
    <name>convscope::ui::CameraBar</name>
    <message>
        <source>Freeze</source>
        <translation>정지</translation>
    </message>
    <message>
        <source>Keep the last frame, to look at it</source>
        <translation>마지막 프레임을 멈춰 두고 살펴봅니다</translation>
    </message>
    <message>
        <source>Stop camera</source>
        <translation>카메라 끄기</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>카메라</translation>
    </message>
    <message>
        <source>Point %1 at a picture: every frame goes through the network, %2 times a second</source>
        <translation>%1(으)로 그림을 비추세요: 프레임마다 1초에 %2번 네트워크를 거칩니다</translation>
    </message>
    <message>
        <source>the camera</source>
        <translation>카메라</translation>
    </message>
    <message>
        <source>No camera was found on this computer</source>
        <translation>이 컴퓨터에서 카메라를 찾지 못했습니다</translation>
    </message>
    <message>
        <source>%1, frozen</source>
        <translation>%1, 정지됨</translation>
    </message>
    <message>
        <source>%1, live</source>
        <translation>%1, 실시간</translation>
    </message>
    <message>
        <source>No camera found</source>
        <translation>카메라 없음</translation>
    </message>
</context>
<context>
    <name>convscope::ui::ClassPreviewDialog</name>
    <message>
        <source>%1: %2 training, %3 test</source>
        <translation>%1: 학습 %2개, 테스트 %3개</translation>
    </message>
    <message>
        <source>Classes of %1</source>
        <translation>%1의 클래스</translation>
    </message>
</context>
<context>
    <name>convscope::ui::ConfusionMatrix</name>
    <message>
        <source>Rows: the true class; columns: what the network said. Click a cell to see its images</source>
        <translation>행: 실제 클래스, 열: 네트워크의 답. 칸을 클릭하면 그 이미지들이 보입니다</translation>
    </message>
    <message>
        <source>true 0</source>
        <translation>실제 0</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>예측</translation>
    </message>
    <message>
        <source>Evaluate to fill the matrix</source>
        <translation>평가하면 행렬이 채워집니다</translation>
    </message>
</context>
<context>
    <name>convscope::ui::ConfusionView</name>
    <message>
        <source>Click a cell to see its test images.</source>
        <translation>칸을 클릭하면 그 테스트 이미지들이 보입니다.</translation>
    </message>
    <message>
        <source>Evaluate now</source>
        <translation>지금 평가</translation>
    </message>
    <message>
        <source>Not evaluated for these weights yet.</source>
        <translation>이 가중치로는 아직 평가하지 않았습니다.</translation>
    </message>
    <message>
        <source>No data set: choose one on the Network page.</source>
        <translation>데이터셋이 없습니다: 네트워크 페이지에서 고르세요.</translation>
    </message>
    <message>
        <source>Evaluating %1 test images…</source>
        <translation>테스트 이미지 %1개 평가 중…</translation>
    </message>
    <message>
        <source>Cannot evaluate: %1</source>
        <translation>평가할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Step %1: %2 of %3 test images right (%4 %), mean loss %5</source>
        <translation>스텝 %1: 테스트 이미지 %3개 중 %2개 정답 (%4 %), 평균 손실 %5</translation>
    </message>
    <message>
        <source>#%1
%2: %3 %</source>
        <translation>#%1
%2: %3 %</translation>
    </message>
    <message>
        <source>test image %1, true class %2
</source>
        <translation>테스트 이미지 %1, 실제 클래스 %2
</translation>
    </message>
    <message>
        <source>
Double-click: why? (the Explain tab)</source>
        <translation>
더블클릭: 왜? (설명 탭)</translation>
    </message>
    <message>
        <source> (first %1 shown)</source>
        <translation> (처음 %1개 표시)</translation>
    </message>
    <message>
        <source>%1 images of %2 recognised%3; double-click one to see why</source>
        <translation>%2의 이미지 %1개를 알아봤습니다%3. 하나를 더블클릭하면 이유가 보입니다</translation>
    </message>
    <message>
        <source>%1 images of %2 taken for %3%4; double-click one to see why</source>
        <translation>%2의 이미지 %1개를 %3(으)로 봤습니다%4. 하나를 더블클릭하면 이유가 보입니다</translation>
    </message>
</context>
<context>
    <name>convscope::ui::ConvKnobs</name>
    <message>
        <source>Stride S_h: rows the window moves per output row</source>
        <translation>스트라이드 S_h: 출력 한 행마다 창이 움직이는 행 수</translation>
    </message>
    <message>
        <source>Stride S_w: columns the window moves per output column</source>
        <translation>스트라이드 S_w: 출력 한 열마다 창이 움직이는 열 수</translation>
    </message>
    <message>
        <source>linked</source>
        <translation>연결됨</translation>
    </message>
    <message>
        <source>Padding rows above the image</source>
        <translation>이미지 위쪽 패딩 행 수</translation>
    </message>
    <message>
        <source>Padding rows below the image</source>
        <translation>이미지 아래쪽 패딩 행 수</translation>
    </message>
    <message>
        <source>Padding columns left of the image</source>
        <translation>이미지 왼쪽 패딩 열 수</translation>
    </message>
    <message>
        <source>Padding columns right of the image</source>
        <translation>이미지 오른쪽 패딩 열 수</translation>
    </message>
    <message>
        <source>all sides</source>
        <translation>모든 면</translation>
    </message>
    <message>
        <source>Dilation D_h: rows between kernel taps</source>
        <translation>팽창 D_h: 커널 탭 사이의 행 간격</translation>
    </message>
    <message>
        <source>Dilation D_w: columns between kernel taps</source>
        <translation>팽창 D_w: 커널 탭 사이의 열 간격</translation>
    </message>
    <message>
        <source>explicit</source>
        <translation>직접 지정</translation>
    </message>
    <message>
        <source>valid (none)</source>
        <translation>valid (없음)</translation>
    </message>
    <message>
        <source>same (O = ⌈I/S⌉)</source>
        <translation>same (O = ⌈I/S⌉)</translation>
    </message>
    <message>
        <source>full (D·(K−1))</source>
        <translation>full (D·(K−1))</translation>
    </message>
    <message>
        <source>zeros</source>
        <translation>0</translation>
    </message>
    <message>
        <source>reflect</source>
        <translation>반사</translation>
    </message>
    <message>
        <source>replicate</source>
        <translation>복제</translation>
    </message>
    <message>
        <source>What the padding cells hold: 0, the mirror image without the edge, or the edge pixel repeated</source>
        <translation>패딩 칸에 들어가는 값: 0, 가장자리를 빼고 비춘 거울상, 또는 가장자리 픽셀의 반복</translation>
    </message>
    <message>
        <source>Applied to every output value after the bias</source>
        <translation>편향을 더한 뒤 모든 출력값에 적용됩니다</translation>
    </message>
    <message>
        <source>Stride</source>
        <translation>스트라이드</translation>
    </message>
    <message>
        <source>Padding</source>
        <translation>패딩</translation>
    </message>
    <message>
        <source>Top, bottom</source>
        <translation>위, 아래</translation>
    </message>
    <message>
        <source>Left, right</source>
        <translation>왼쪽, 오른쪽</translation>
    </message>
    <message>
        <source>Pad with</source>
        <translation>채우는 값</translation>
    </message>
    <message>
        <source>Dilation</source>
        <translation>팽창</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>활성화 함수</translation>
    </message>
</context>
<context>
    <name>convscope::ui::ConvolutionPage</name>
    <message>
        <source>Input</source>
        <translation>입력</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>특징 맵</translation>
    </message>
    <message>
        <source>Change the input</source>
        <translation>입력 바꾸기</translation>
    </message>
    <message>
        <source>Resize the input</source>
        <translation>입력 크기 바꾸기</translation>
    </message>
    <message>
        <source>Edit the filters</source>
        <translation>필터 편집</translation>
    </message>
    <message>
        <source>Change the convolution</source>
        <translation>합성곱 바꾸기</translation>
    </message>
    <message>
        <source>Reset the input</source>
        <translation>입력 초기화</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>필터</translation>
    </message>
    <message>
        <source>Reset the filters</source>
        <translation>필터 초기화</translation>
    </message>
    <message>
        <source>Convolution</source>
        <translation>합성곱</translation>
    </message>
    <message>
        <source>Reset the convolution</source>
        <translation>합성곱 초기화</translation>
    </message>
    <message>
        <source>Diverging: blue below 0, white at 0, red above</source>
        <translation>발산형: 0보다 작으면 파랑, 0은 흰색, 크면 빨강</translation>
    </message>
    <message>
        <source>Which values the colours span: lowest to highest, −m to m around 0, or 0 to 1 (clipped)</source>
        <translation>색이 나타내는 값의 범위: 최소에서 최대, 0을 중심으로 −m에서 m, 또는 0에서 1 (잘라냄)</translation>
    </message>
    <message>
        <source>Hover over an output value to see the dot product that makes it, or over an input pixel to see every output it feeds.</source>
        <translation>출력값 위에 마우스를 올리면 그 값을 만드는 내적이, 입력 픽셀 위에 올리면 그 픽셀이 들어가는 모든 출력이 보입니다.</translation>
    </message>
    <message>
        <source>Open Image</source>
        <translation>이미지 열기</translation>
    </message>
    <message>
        <source>Images and arrays (*.png *.jpg *.jpeg *.bmp *.webp *.pgm *.ppm *.pnm *.npy);;All files (*)</source>
        <translation>이미지와 배열 (*.png *.jpg *.jpeg *.bmp *.webp *.pgm *.ppm *.pnm *.npy);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Cannot open this input: %1</source>
        <translation>이 입력을 열 수 없습니다: %1</translation>
    </message>
    <message>
        <source>R</source>
        <translation>R</translation>
    </message>
    <message>
        <source>G</source>
        <translation>G</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>invalid: last valid output greyed</source>
        <translation>잘못된 설정: 마지막 올바른 출력을 회색으로 표시</translation>
    </message>
    <message>
        <source> · computed in %1 ms</source>
        <translation> · %1 ms에 계산</translation>
    </message>
    <message>
        <source>channel %1 · filter %2</source>
        <translation>채널 %1 · 필터 %2</translation>
    </message>
    <message>
        <source>filter %1</source>
        <translation>필터 %1</translation>
    </message>
    <message>
        <source>C&lt;sub&gt;out&lt;/sub&gt;×O&lt;sub&gt;h&lt;/sub&gt;×O&lt;sub&gt;w&lt;/sub&gt; = %1</source>
        <translation>C&lt;sub&gt;out&lt;/sub&gt;×O&lt;sub&gt;h&lt;/sub&gt;×O&lt;sub&gt;w&lt;/sub&gt; = %1</translation>
    </message>
    <message>
        <source>invalid</source>
        <translation>잘못된 설정</translation>
    </message>
    <message>
        <source>Input %1 ⊛ %2 filter(s) %3×%3 → output %4</source>
        <translation>입력 %1 ⊛ 필터 %2개 %3×%3 → 출력 %4</translation>
    </message>
    <message>
        <source>Output channel %1, row %2, column %3: &lt;b&gt;%4&lt;/b&gt;</source>
        <translation>출력 채널 %1, 행 %2, 열 %3: &lt;b&gt;%4&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Input row %1, column %2: &lt;b&gt;%3&lt;/b&gt;</source>
        <translation>입력 행 %1, 열 %2: &lt;b&gt;%3&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Input pixel (%1, %2)&lt;/b&gt; feeds %3 output position(s)%4, marked in green: every window that covers it, directly or through a copied padding cell.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;입력 픽셀 (%1, %2)&lt;/b&gt;는 초록색으로 표시한 출력 위치 %3곳%4에 들어갑니다: 직접, 또는 복사된 패딩 칸을 거쳐 이 픽셀을 덮는 모든 창입니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source> in each of %1 feature maps</source>
        <translation> (특징 맵 %1개 각각에서)</translation>
    </message>
    <message>
        <source>Change the colours</source>
        <translation>색 바꾸기</translation>
    </message>
</context>
<context>
    <name>convscope::ui::DataPanel</name>
    <message>
        <source>Augment</source>
        <translation>증강</translation>
    </message>
    <message>
        <source>Test digits</source>
        <translation>테스트 숫자</translation>
    </message>
    <message>
        <source>Classes…</source>
        <translation>클래스…</translation>
    </message>
    <message>
        <source>MNIST digits (prepared by scripts/setup)</source>
        <translation>MNIST 숫자 (scripts/setup이 준비)</translation>
    </message>
    <message>
        <source>Fashion-MNIST</source>
        <translation>Fashion-MNIST</translation>
    </message>
    <message>
        <source>Full MNIST, 70,000 digits (download)</source>
        <translation>전체 MNIST, 숫자 70,000개 (다운로드)</translation>
    </message>
    <message>
        <source>CIFAR-10, 60,000 colour images (download)</source>
        <translation>CIFAR-10, 컬러 이미지 60,000개 (다운로드)</translation>
    </message>
    <message>
        <source>Folder of pictures or IDX files…</source>
        <translation>사진 폴더 또는 IDX 파일…</translation>
    </message>
    <message>
        <source>A folder of pictures has one subfolder per class (apple/, banana/, …), optionally under train/ and test/</source>
        <translation>사진 폴더에는 클래스마다 하위 폴더가 하나씩 있습니다 (apple/, banana/, …). train/과 test/ 아래에 두어도 됩니다</translation>
    </message>
    <message>
        <source>Every class with its first images and how many it has</source>
        <translation>클래스마다 처음 몇 개의 이미지와 이미지 수</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>데이터셋</translation>
    </message>
    <message>
        <source>The same, as augmentation shows them to the network</source>
        <translation>같은 이미지를, 증강이 네트워크에 보여 주는 모습으로</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>데이터</translation>
    </message>
    <message>
        <source>random shifts (±2 px), rotations (±10°) and scaling (±10 %) each time an image is drawn</source>
        <translation>이미지를 뽑을 때마다 무작위 이동(±2 px), 회전(±10°), 크기 조절(±10 %)</translation>
    </message>
    <message>
        <source>Choose a data set folder (a subfolder of pictures per class, MNIST&apos;s IDX files or CIFAR-10&apos;s batches)</source>
        <translation>데이터셋 폴더를 고르세요 (클래스마다 사진 하위 폴더, MNIST의 IDX 파일, 또는 CIFAR-10의 배치 파일)</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>다운로드</translation>
    </message>
    <message>
        <source>%1 is not on this computer yet. Download it now (%2, into %3)?</source>
        <translation>%1이(가) 아직 이 컴퓨터에 없습니다. 지금 다운로드할까요 (%2, %3에)?</translation>
    </message>
    <message>
        <source>The network has trained %1 steps that are not saved.</source>
        <translation>네트워크가 저장하지 않은 %1스텝을 학습했습니다.</translation>
    </message>
    <message>
        <source>The network holds the model loaded from %1.</source>
        <translation>네트워크에 %1에서 불러온 모델이 있습니다.</translation>
    </message>
    <message>
        <source>Change the data set</source>
        <translation>데이터셋 바꾸기</translation>
    </message>
    <message>
        <source>%1

Keep its weights on the new data set (Yes), or start afresh with new random weights (No)?</source>
        <translation>%1

새 데이터셋에서 가중치를 유지할까요 (예), 아니면 새 무작위 가중치로 처음부터 시작할까요 (아니요)?</translation>
    </message>
    <message>
        <source>Stop training before changing the data.</source>
        <translation>데이터를 바꾸기 전에 학습을 멈추세요.</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 불러오는 중…</translation>
    </message>
    <message>
        <source>and %1 more</source>
        <translation>외 %1개</translation>
    </message>
    <message>
        <source>Test images</source>
        <translation>테스트 이미지</translation>
    </message>
    <message>
        <source>no data set</source>
        <translation>데이터셋 없음</translation>
    </message>
    <message>
        <source>; 1 file could not be read (hover for it)</source>
        <translation>; 파일 1개를 읽지 못했습니다 (마우스를 올리면 보입니다)</translation>
    </message>
    <message>
        <source>; %1 files could not be read (hover for the list)</source>
        <translation>; 파일 %1개를 읽지 못했습니다 (마우스를 올리면 목록이 보입니다)</translation>
    </message>
    <message>
        <source>%1: %2 training and %3 test images of %4 in %5 classes%6%7</source>
        <translation>%1: 클래스 %5개의 %4 학습 이미지 %2개, 테스트 이미지 %3개%6%7</translation>
    </message>
</context>
<context>
    <name>convscope::ui::DigitCanvas</name>
    <message>
        <source>Draw with the mouse</source>
        <translation>마우스로 그리세요</translation>
    </message>
    <message>
        <source>draw here</source>
        <translation>여기에 그리세요</translation>
    </message>
</context>
<context>
    <name>convscope::ui::DownloadDialog</name>
    <message>
        <source>Try again</source>
        <translation>다시 시도</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Download %1</source>
        <translation>%1 다운로드</translation>
    </message>
    <message>
        <source>%1 (%2) into %3. The published checksum of every file is checked before the data set is used.</source>
        <translation>%1 (%2)을(를) %3에 받습니다. 데이터셋을 쓰기 전에 모든 파일의 공개 체크섬을 확인합니다.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>연결 중…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>취소하는 중…</translation>
    </message>
    <message>
        <source>%1 (file %2 of %3) from %4: %5 of %6</source>
        <translation>%1 (파일 %2/%3), %4에서: %6 중 %5</translation>
    </message>
    <message>
        <source>Done: %1 is ready.</source>
        <translation>완료: %1이(가) 준비되었습니다.</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>이어 받기</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
</context>
<context>
    <name>convscope::ui::DrawPanel</name>
    <message>
        <source>Clear</source>
        <translation>지우기</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>실행 취소</translation>
    </message>
    <message>
        <source>Ctrl+Backspace</source>
        <translation>Ctrl+Backspace</translation>
    </message>
    <message>
        <source>Show the camera a digit written on paper: each frame is made into an MNIST digit and run through the network</source>
        <translation>종이에 쓴 숫자를 카메라에 보여 주세요: 프레임마다 MNIST 숫자로 만들어 네트워크에 넣습니다</translation>
    </message>
    <message>
        <source>&lt;b&gt;What the network sees&lt;/b&gt;</source>
        <translation>&lt;b&gt;네트워크가 보는 것&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The network sees 28×28: the drawing, or the camera&apos;s frame, is cropped to its ink, scaled to 20 px, and centred by its centre of mass, as MNIST digits were.</source>
        <translation>네트워크는 28×28을 봅니다: 그림이나 카메라 프레임을 잉크 부분만 잘라 20 px로 줄이고, MNIST 숫자처럼 질량 중심으로 가운데에 놓습니다.</translation>
    </message>
    <message>
        <source>This network takes %1 images, and a drawing becomes a 28×28 gray digit. The Live tab&apos;s probe runs the test images through it; the Inspect page takes any picture.</source>
        <translation>이 네트워크는 %1 이미지를 받지만, 그림은 28×28 회색조 숫자가 됩니다. 실시간 탭의 프로브는 테스트 이미지를 이 네트워크에 넣어 보고, 검사 페이지는 어떤 사진이든 받습니다.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Drawing needs 28×28 gray images&lt;/b&gt;</source>
        <translation>&lt;b&gt;그리기에는 28×28 회색조 이미지가 필요합니다&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Draw a digit&lt;/b&gt;</source>
        <translation>&lt;b&gt;숫자를 그리세요&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Draw one of: %1&lt;/b&gt;</source>
        <translation>&lt;b&gt;다음 중 하나를 그리세요: %1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>No drawing for a network of %1 images</source>
        <translation>%1 이미지 네트워크에는 그리기가 없습니다</translation>
    </message>
    <message>
        <source>Draw a digit on the left: its prediction appears as you draw</source>
        <translation>왼쪽에 숫자를 그리세요: 그리는 동안 예측이 나타납니다</translation>
    </message>
    <message>
        <source>Draw on the left: its prediction appears as you draw</source>
        <translation>왼쪽에 그리세요: 그리는 동안 예측이 나타납니다</translation>
    </message>
    <message>
        <source>your drawing</source>
        <translation>내 그림</translation>
    </message>
    <message>
        <source>the camera</source>
        <translation>카메라</translation>
    </message>
</context>
<context>
    <name>convscope::ui::EquivariancePage</name>
    <message>
        <source>conv(shift(x))</source>
        <translation>conv(shift(x))</translation>
    </message>
    <message>
        <source>shift(conv(x))</source>
        <translation>shift(conv(x))</translation>
    </message>
    <message>
        <source>|difference|: 0 inside the green frame</source>
        <translation>|차이|: 초록 테두리 안에서는 0</translation>
    </message>
    <message>
        <source>max pool 2×2 of conv(x)</source>
        <translation>conv(x)의 2×2 최대 풀링</translation>
    </message>
    <message>
        <source>max pool 2×2 of conv(shift(x))</source>
        <translation>conv(shift(x))의 2×2 최대 풀링</translation>
    </message>
    <message>
        <source>|difference|</source>
        <translation>|차이|</translation>
    </message>
    <message>
        <source>shift of the digit (pixels)</source>
        <translation>숫자의 이동 (픽셀)</translation>
    </message>
    <message>
        <source>p(true class)</source>
        <translation>p(실제 클래스)</translation>
    </message>
    <message>
        <source>moved right (left below 0)</source>
        <translation>오른쪽으로 이동 (0 아래는 왼쪽)</translation>
    </message>
    <message>
        <source>moved down (up below 0)</source>
        <translation>아래로 이동 (0 아래는 위)</translation>
    </message>
    <message>
        <source>this shift</source>
        <translation>이 이동</translation>
    </message>
    <message>
        <source>A convolution slides the same filter everywhere, so moving the input moves its output by as much: conv(shift(x)) = shift(conv(x)), except near the border, where pixels left the image. That is equivariance. A max pool keeps a window&apos;s largest value wherever it is inside the window: a small shift may leave it unchanged, but one that crosses a window&apos;s edge does not. That is local invariance only. The curve shows how far a trained network&apos;s answer really bears a shift. Try it on your own picture and filters too: choose the Convolution page as the source.</source>
        <translation>합성곱은 같은 필터를 어디에서나 밀어 움직이므로, 입력을 옮기면 출력도 그만큼 옮겨집니다: conv(shift(x)) = shift(conv(x)). 다만 픽셀이 이미지 밖으로 나간 가장자리 근처는 예외입니다. 이것이 등변성입니다. 최대 풀링은 창 안 어디에 있든 창의 최댓값을 유지합니다: 작은 이동은 결과를 바꾸지 않을 수 있지만, 창의 경계를 넘는 이동은 바꿉니다. 이것은 국소 불변성일 뿐입니다. 곡선은 학습된 네트워크의 답이 이동을 실제로 얼마나 견디는지 보여 줍니다. 자기 사진과 필터로도 해 보세요: 소스로 합성곱 페이지를 고르면 됩니다.</translation>
    </message>
    <message>
        <source>Equivariance</source>
        <translation>등변성</translation>
    </message>
    <message>
        <source>Test digit, Training page</source>
        <translation>테스트 숫자, 학습 페이지</translation>
    </message>
    <message>
        <source>Convolution page</source>
        <translation>합성곱 페이지</translation>
    </message>
    <message>
        <source>A test digit and the first convolution of the network the Training page trains, or the Convolution page&apos;s image and filters</source>
        <translation>테스트 숫자와 학습 페이지가 학습하는 네트워크의 첫 합성곱, 또는 합성곱 페이지의 이미지와 필터</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>소스</translation>
    </message>
    <message>
        <source>Shift down (pixels)</source>
        <translation>아래로 이동 (픽셀)</translation>
    </message>
    <message>
        <source>Shift right (pixels)</source>
        <translation>오른쪽으로 이동 (픽셀)</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>필터</translation>
    </message>
    <message>
        <source>Test image</source>
        <translation>테스트 이미지</translation>
    </message>
    <message>
        <source>x moves %1 down and %2 right</source>
        <translation>x를 아래로 %1, 오른쪽으로 %2 옮깁니다</translation>
    </message>
    <message>
        <source> The network gives the true class %1 % unshifted, %2 % at this shift.</source>
        <translation> 네트워크는 이동하지 않았을 때 실제 클래스에 %1 %, 이 이동에서는 %2 %를 줍니다.</translation>
    </message>
    <message>
        <source> The curve moves the digit along one axis at a time; this shift moves it along both.</source>
        <translation> 곡선은 숫자를 한 번에 한 축으로 옮기고, 이 이동은 두 축으로 옮깁니다.</translation>
    </message>
    <message>
        <source>Equivariance: shift %1, %2; %3 of %4 pooled values unchanged</source>
        <translation>등변성: 이동 %1, %2. 풀링한 값 %4개 중 %3개가 그대로</translation>
    </message>
    <message>
        <source>Test image %1 of %2, a %3</source>
        <translation>테스트 이미지 %2개 중 %1번째, %3</translation>
    </message>
    <message>
        <source>No data set is loaded (the Network page loads one).</source>
        <translation>불러온 데이터셋이 없습니다 (네트워크 페이지에서 불러옵니다).</translation>
    </message>
    <message>
        <source>This network has no convolution to shift: choose one on the Network page.</source>
        <translation>이 네트워크에는 이동할 합성곱이 없습니다: 네트워크 페이지에서 고르세요.</translation>
    </message>
    <message>
        <source>conv1 of the Training page&apos;s network, with its weights as they are now.</source>
        <translation>학습 페이지 네트워크의 conv1, 지금의 가중치 그대로.</translation>
    </message>
    <message>
        <source>The Convolution page&apos;s setting does not convolve: %1</source>
        <translation>합성곱 페이지의 설정으로는 합성곱이 되지 않습니다: %1</translation>
    </message>
    <message>
        <source>The Convolution page has no image yet.</source>
        <translation>합성곱 페이지에 아직 이미지가 없습니다.</translation>
    </message>
    <message>
        <source>its image reduced from %1×%2 to %3×%4</source>
        <translation>이미지를 %1×%2에서 %3×%4로 줄였습니다</translation>
    </message>
    <message>
        <source>stride 1 (the page&apos;s is %1×%2: a strided convolution commutes only with shifts by multiples of its stride)</source>
        <translation>스트라이드 1 (페이지의 값은 %1×%2: 스트라이드가 있는 합성곱은 스트라이드의 배수만큼의 이동과만 교환됩니다)</translation>
    </message>
    <message>
        <source>zero padding (the page&apos;s %1 padding copies pixels across the border)</source>
        <translation>제로 패딩 (페이지의 %1 패딩은 경계 너머로 픽셀을 복사합니다)</translation>
    </message>
    <message>
        <source>reflect</source>
        <translation>반사</translation>
    </message>
    <message>
        <source>replicate</source>
        <translation>복제</translation>
    </message>
    <message>
        <source>The Convolution page&apos;s image and filters.</source>
        <translation>합성곱 페이지의 이미지와 필터.</translation>
    </message>
    <message>
        <source>The Convolution page&apos;s image and filters, with %1.</source>
        <translation>합성곱 페이지의 이미지와 필터, %1.</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Inside the green frame conv(shift(x)) and shift(conv(x)) are equal to the bit (largest difference %1); at the border, where pixels left the image, they differ by up to %2. After the 2×2 max pool, %3 of the %4 pooled values (%5 %) are unchanged by this shift.</source>
        <translation>초록 테두리 안에서 conv(shift(x))와 shift(conv(x))는 비트까지 같습니다 (최대 차이 %1). 픽셀이 이미지 밖으로 나간 가장자리에서는 최대 %2까지 다릅니다. 2×2 최대 풀링 뒤에는 풀링한 값 %4개 중 %3개(%5 %)가 이 이동에도 그대로입니다.</translation>
    </message>
</context>
<context>
    <name>convscope::ui::ExplainPanel</name>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Export PNGs…</source>
        <translation>PNG 내보내기…</translation>
    </message>
    <message>
        <source>Grad-CAM</source>
        <translation>Grad-CAM</translation>
    </message>
    <message>
        <source>Dream</source>
        <translation>꿈꾸기</translation>
    </message>
    <message>
        <source>What a filter wants to see</source>
        <translation>필터가 보고 싶어 하는 것</translation>
    </message>
    <message>
        <source>The input</source>
        <translation>입력</translation>
    </message>
    <message>
        <source>Saliency: |∂ score / ∂ pixel|</source>
        <translation>현저성: |∂ 점수 / ∂ 픽셀|</translation>
    </message>
    <message>
        <source>Occlusion: p(class) with a grey patch there (dark: lower)</source>
        <translation>가림: 그곳에 회색 조각을 놓았을 때의 p(클래스) (어두울수록 낮음)</translation>
    </message>
    <message>
        <source>Test image</source>
        <translation>테스트 이미지</translation>
    </message>
    <message>
        <source>The drawn digit</source>
        <translation>그린 숫자</translation>
    </message>
    <message>
        <source>its answer</source>
        <translation>네트워크의 답</translation>
    </message>
    <message>
        <source>The grey patch&apos;s side in pixels</source>
        <translation>회색 조각의 한 변 (픽셀)</translation>
    </message>
    <message>
        <source>How far the patch moves between passes</source>
        <translation>조각이 한 번에 움직이는 거리</translation>
    </message>
    <message>
        <source>%v of %m passes</source>
        <translation>%m번 중 %v번</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>클래스</translation>
    </message>
    <message>
        <source>Climb the filter&apos;s mean activation by gradient ascent from faint noise, %1 steps, on the weights of now</source>
        <translation>희미한 잡음에서 시작해 경사 상승법으로 필터의 평균 활성화를 %1스텝 올립니다. 지금의 가중치로</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>필터</translation>
    </message>
    <message>
        <source>Occlusion: patch</source>
        <translation>가림: 조각</translation>
    </message>
    <message>
        <source>stride</source>
        <translation>스트라이드</translation>
    </message>
    <message>
        <source>The input and the three maps as PNGs of 280×280 pixels in a folder: explain-input.png, explain-saliency.png, …</source>
        <translation>입력과 세 맵을 280×280 픽셀 PNG로 폴더에 저장합니다: explain-input.png, explain-saliency.png, …</translation>
    </message>
    <message>
        <source>Export the maps to</source>
        <translation>맵을 내보낼 곳</translation>
    </message>
    <message>
        <source>Saved %1 PNGs in %2.</source>
        <translation>PNG %1개를 %2에 저장했습니다.</translation>
    </message>
    <message>
        <source>answers %1 (%2 %)</source>
        <translation>답: %1 (%2 %)</translation>
    </message>
    <message>
        <source>Grad-CAM on %1 (%2)</source>
        <translation>%1의 Grad-CAM (%2)</translation>
    </message>
    <message>
        <source>Grad-CAM needs a feature map: this network has none</source>
        <translation>Grad-CAM에는 특징 맵이 필요합니다: 이 네트워크에는 없습니다</translation>
    </message>
    <message>
        <source>Explaining class %1 (%2 %)%3. Bright pixels of the saliency move its score most; dark places of the occlusion map are where hiding that part of the image costs the class its probability; Grad-CAM shows where the last feature map&apos;s channels that raise the score are active.</source>
        <translation>클래스 %1 (%2 %)%3을(를) 설명합니다. 현저성 맵의 밝은 픽셀은 점수를 가장 크게 움직이는 곳이고, 가림 맵의 어두운 곳은 그 부분을 가리면 클래스의 확률이 떨어지는 곳이며, Grad-CAM은 점수를 올리는 마지막 특징 맵의 채널들이 활성화된 곳을 보여 줍니다.</translation>
    </message>
    <message>
        <source>, the image&apos;s true class is %1</source>
        <translation>, 이미지의 실제 클래스는 %1</translation>
    </message>
    <message>
        <source>Occlude</source>
        <translation>가리기</translation>
    </message>
    <message>
        <source>%v of %m passes · p from %1 to %2</source>
        <translation>%m번 중 %v번 · p는 %1에서 %2까지</translation>
    </message>
    <message>
        <source>the folder %1 does not exist</source>
        <translation>폴더 %1이(가) 없습니다</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>%1을(를) 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>What %1, filter %2, wants to see</source>
        <translation>%1, 필터 %2가 보고 싶어 하는 것</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>멈춤</translation>
    </message>
    <message>
        <source>Step %1 of %2, mean activation %3, weights of step %4</source>
        <translation>%2스텝 중 %1, 평균 활성화 %3, 스텝 %4의 가중치</translation>
    </message>
</context>
<context>
    <name>convscope::ui::ExportDialog</name>
    <message>
        <source>with the colour bar</source>
        <translation>컬러 막대 포함</translation>
    </message>
    <message>
        <source>with the numbers in the cells (cells of %1 px or more)</source>
        <translation>칸 안에 숫자 표시 (칸이 %1 px 이상일 때)</translation>
    </message>
    <message>
        <source>Export Feature Maps</source>
        <translation>특징 맵 내보내기</translation>
    </message>
    <message>
        <source>all %1 maps side by side</source>
        <translation>맵 %1개 모두 나란히</translation>
    </message>
    <message>
        <source>channel %1</source>
        <translation>채널 %1</translation>
    </message>
    <message>
        <source>every channel into a folder (PNGs + .npy)</source>
        <translation>모든 채널을 폴더로 (PNG + .npy)</translation>
    </message>
    <message>
        <source>PNG picture</source>
        <translation>PNG 그림</translation>
    </message>
    <message>
        <source>NumPy array (.npy, exact values)</source>
        <translation>NumPy 배열 (.npy, 정확한 값)</translation>
    </message>
    <message>
        <source>× (nearest neighbour)</source>
        <translation>× (최근접 이웃)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>As</source>
        <translation>형식</translation>
    </message>
    <message>
        <source>Enlarge</source>
        <translation>확대</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <source>Files are named after the settings: &lt;b&gt;%1&lt;/b&gt;, and record them inside (PNG text) or beside (.npy.txt).</source>
        <translation>파일 이름은 설정을 따릅니다: &lt;b&gt;%1&lt;/b&gt;. 설정은 파일 안(PNG 텍스트)이나 옆(.npy.txt)에 기록됩니다.</translation>
    </message>
    <message>
        <source>(1, %1, %2) float32</source>
        <translation>(1, %1, %2) float32</translation>
    </message>
    <message>
        <source>(%1, %2, %3) float32</source>
        <translation>(%1, %2, %3) float32</translation>
    </message>
    <message>
        <source>%1×%2 pixels%3</source>
        <translation>%1×%2 픽셀%3</translation>
    </message>
    <message>
        <source> each</source>
        <translation> 각각</translation>
    </message>
    <message>
        <source>Export into</source>
        <translation>내보낼 곳</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 이미지 (*.png)</translation>
    </message>
    <message>
        <source>NumPy arrays (*.npy)</source>
        <translation>NumPy 배열 (*.npy)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>내보내기 실패</translation>
    </message>
</context>
<context>
    <name>convscope::ui::FieldNetwork</name>
    <message>
        <source>%1 with random weights (seed 1).</source>
        <translation>%1, 무작위 가중치 (시드 1).</translation>
    </message>
    <message>
        <source>%1&apos;s maps with random weights (seed 1): its dense layers, %2 of its %3 parameters, are left out, and each of their units sees the whole image.</source>
        <translation>%1의 맵, 무작위 가중치 (시드 1): 완전 연결층(파라미터 %3개 중 %2개)은 빼며, 그 유닛들은 모두 이미지 전체를 봅니다.</translation>
    </message>
    <message>
        <source>input: %1</source>
        <translation>입력: %1</translation>
    </message>
    <message>
        <source>the stack has no layers: write one, such as &apos;conv 8 3x3&apos;</source>
        <translation>스택에 층이 없습니다: &apos;conv 8 3x3&apos;처럼 하나를 쓰세요</translation>
    </message>
    <message>
        <source>Your stack on a %1 input, with random weights (seed 1).</source>
        <translation>%1 입력 위의 내 스택, 무작위 가중치 (시드 1).</translation>
    </message>
    <message>
        <source>Training page</source>
        <translation>학습 페이지</translation>
    </message>
    <message>
        <source>%1, random</source>
        <translation>%1, 무작위</translation>
    </message>
    <message>
        <source>Your own stack</source>
        <translation>내 스택</translation>
    </message>
    <message>
        <source>no network is called &apos;%1&apos;</source>
        <translation>&apos;%1&apos;이라는 네트워크는 없습니다</translation>
    </message>
    <message>
        <source>The Training page&apos;s network, with its weights as they are now.</source>
        <translation>학습 페이지의 네트워크, 지금의 가중치 그대로.</translation>
    </message>
    <message>
        <source>The Training page&apos;s network, with random weights (seed 1).</source>
        <translation>학습 페이지의 네트워크, 무작위 가중치 (시드 1).</translation>
    </message>
</context>
<context>
    <name>convscope::ui::FilterView</name>
    <message>
        <source>Filters of</source>
        <translation>필터:</translation>
    </message>
    <message>
        <source>each frame&apos;s scale</source>
        <translation>프레임마다 자기 척도</translation>
    </message>
    <message>
        <source>one scale for the run</source>
        <translation>학습 전체에 한 척도</translation>
    </message>
    <message>
        <source>change since initialisation</source>
        <translation>초기화 이후의 변화</translation>
    </message>
    <message>
        <source>Each frame&apos;s scale shows every frame&apos;s pattern; one scale shows the weights grow; the change since initialisation shows what training did when the filters still look like their start</source>
        <translation>프레임마다 자기 척도는 각 프레임의 무늬를, 한 척도는 가중치가 커지는 모습을, 초기화 이후의 변화는 필터가 아직 처음과 비슷해 보일 때 학습이 한 일을 보여 줍니다</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>타임라인</translation>
    </message>
    <message>
        <source>Drag back to see the filters as they were at initialisation and at every stage of training; at the right end they follow the run</source>
        <translation>뒤로 끌면 학습 전(초기화)과 학습의 모든 단계의 필터가 보입니다. 오른쪽 끝에서는 학습을 따라갑니다</translation>
    </message>
    <message>
        <source>step 000000 (live)</source>
        <translation>학습 후 · 스텝 000000 (실시간)</translation>
    </message>
    <message>
        <source>input channel %1</source>
        <translation>입력 채널 %1</translation>
    </message>
    <message>
        <source>no conv layer</source>
        <translation>합성곱층 없음</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>학습 후 · 스텝 %1</translation>
    </message>
    <message>
        <source>initialisation</source>
        <translation>학습 전</translation>
    </message>
    <message>
        <source>step %1 (live)</source>
        <translation>학습 후 · 스텝 %1 (실시간)</translation>
    </message>
</context>
<context>
    <name>convscope::ui::FolderDialog</name>
    <message>
        <source>A data set of pictures</source>
        <translation>사진 데이터셋</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 classes, %3 files: %4.&lt;br&gt;%5</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;클래스 %2개, 파일 %3개: %4.&lt;br&gt;%5</translation>
    </message>
    <message>
        <source>Its train/ and test/ folders are kept as they are.</source>
        <translation>train/과 test/ 폴더를 그대로 씁니다.</translation>
    </message>
    <message>
        <source>A fifth of each class is kept aside for the test.</source>
        <translation>클래스마다 5분의 1을 테스트용으로 떼어 둡니다.</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Each picture&apos;s shorter side is resized to this and its centre square kept: 28 for LeNet-5, 32 for the lecture&apos;s CNN, 64 for the mini networks</source>
        <translation>사진의 짧은 변을 이 크기로 맞추고 가운데 정사각형을 씁니다: LeNet-5는 28, 강의의 CNN은 32, 미니 네트워크는 64</translation>
    </message>
    <message>
        <source>as the pictures are (colour if any has colour)</source>
        <translation>사진 그대로 (하나라도 컬러면 컬러)</translation>
    </message>
    <message>
        <source>colour (RGB)</source>
        <translation>컬러 (RGB)</translation>
    </message>
    <message>
        <source>gray</source>
        <translation>회색조</translation>
    </message>
    <message>
        <source>Picture size</source>
        <translation>사진 크기</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>색</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>불러오기</translation>
    </message>
</context>
<context>
    <name>convscope::ui::FrameSource</name>
    <message>
        <source>No camera was found on this computer</source>
        <translation>이 컴퓨터에서 카메라를 찾지 못했습니다</translation>
    </message>
    <message>
        <source>%1 is not a video file</source>
        <translation>%1은(는) 동영상 파일이 아닙니다</translation>
    </message>
</context>
<context>
    <name>convscope::ui::GuideDialog</name>
    <message>
        <source>ConvScope Guide</source>
        <translation>ConvScope 안내서</translation>
    </message>
</context>
<context>
    <name>convscope::ui::HistogramPlot</name>
    <message>
        <source>pixel value (0–255, /255 for the network)</source>
        <translation>픽셀값 (0–255, 네트워크에는 /255)</translation>
    </message>
    <message>
        <source>pixels</source>
        <translation>픽셀 수</translation>
    </message>
    <message>
        <source>gray</source>
        <translation>회색조</translation>
    </message>
    <message>
        <source>red</source>
        <translation>빨강</translation>
    </message>
    <message>
        <source>green</source>
        <translation>초록</translation>
    </message>
    <message>
        <source>blue</source>
        <translation>파랑</translation>
    </message>
</context>
<context>
    <name>convscope::ui::InputPicker</name>
    <message>
        <source>%1: the explorer takes one image of 1 or 3 channels, an array of shape (H, W), (C, H, W) or (1, C, H, W); this one is %2×%3×%4×%5</source>
        <translation>%1: 탐색기는 채널이 1개나 3개인 이미지 하나, 또는 (H, W), (C, H, W), (1, C, H, W) 모양의 배열을 받습니다. 이것은 %2×%3×%4×%5입니다</translation>
    </message>
    <message>
        <source>%1: cannot open (%2)</source>
        <translation>%1: 열 수 없습니다 (%2)</translation>
    </message>
    <message>
        <source>%1: the file is %2 MiB; ConvScope opens images up to %3 MiB</source>
        <translation>%1: 파일이 %2 MiB입니다. ConvScope는 %3 MiB까지의 이미지를 엽니다</translation>
    </message>
    <message>
        <source>A built-in image; File ▸ Open or drop a file for your own</source>
        <translation>내장 이미지입니다. 파일 ▸ 열기나 파일 끌어다 놓기로 자기 이미지를 쓰세요</translation>
    </message>
    <message>
        <source>original</source>
        <translation>원본</translation>
    </message>
    <message>
        <source>%1 px</source>
        <translation>%1 px</translation>
    </message>
    <message>
        <source>Resize the input so that its longer side has this many pixels; inputs up to 16×16 show a number in every cell</source>
        <translation>입력의 긴 변이 이 픽셀 수가 되게 크기를 바꿉니다. 16×16까지의 입력은 칸마다 숫자가 보입니다</translation>
    </message>
    <message>
        <source>as the file</source>
        <translation>파일 그대로</translation>
    </message>
    <message>
        <source>grayscale (1 channel)</source>
        <translation>회색조 (채널 1개)</translation>
    </message>
    <message>
        <source>RGB (3 channels)</source>
        <translation>RGB (채널 3개)</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>열기…</translation>
    </message>
    <message>
        <source>Open an image or a .npy array (Ctrl+O)</source>
        <translation>이미지나 .npy 배열을 엽니다 (Ctrl+O)</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>이미지</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>색</translation>
    </message>
</context>
<context>
    <name>convscope::ui::InspectPage</name>
    <message>
        <source>Export…</source>
        <translation>내보내기…</translation>
    </message>
    <message>
        <source>Export maps…</source>
        <translation>맵 내보내기…</translation>
    </message>
    <message>
        <source>Export filters…</source>
        <translation>필터 내보내기…</translation>
    </message>
    <message>
        <source>Save model…</source>
        <translation>모델 저장…</translation>
    </message>
    <message>
        <source>Open a model to look inside it: a .csm saved by ConvScope, or an .onnx exported from PyTorch (README, &quot;Models from PyTorch&quot;).</source>
        <translation>모델을 열어 안을 들여다보세요: ConvScope가 저장한 .csm이나 PyTorch에서 내보낸 .onnx (README의 &quot;Models from PyTorch&quot;).</translation>
    </message>
    <message>
        <source>Open model…</source>
        <translation>모델 열기…</translation>
    </message>
    <message>
        <source>Labels…</source>
        <translation>레이블…</translation>
    </message>
    <message>
        <source>A text file with one class name a line, as torchvision&apos;s imagenet_classes.txt</source>
        <translation>torchvision의 imagenet_classes.txt처럼 한 줄에 클래스 이름 하나인 텍스트 파일</translation>
    </message>
    <message>
        <source>The picture to run through the model</source>
        <translation>모델에 넣을 사진</translation>
    </message>
    <message>
        <source>The model&apos;s own</source>
        <translation>모델 자체의 방식</translation>
    </message>
    <message>
        <source>ImageNet (torchvision)</source>
        <translation>ImageNet (torchvision)</translation>
    </message>
    <message>
        <source>Centre crop, no normalisation</source>
        <translation>가운데 자르기, 정규화 없음</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>직접 지정</translation>
    </message>
    <message>
        <source>How a picture becomes the network&apos;s input</source>
        <translation>사진이 네트워크의 입력이 되는 방식</translation>
    </message>
    <message>
        <source>digit [mean M] [std S], or crop [resize R] [rgb|bgr] [mean M1,M2,M3] [std S1,S2,S3]: Enter applies it</source>
        <translation>digit [mean M] [std S], 또는 crop [resize R] [rgb|bgr] [mean M1,M2,M3] [std S1,S2,S3]: Enter로 적용</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>모델:</translation>
    </message>
    <message>
        <source>Feed:</source>
        <translation>입력 방식:</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>열기…</translation>
    </message>
    <message>
        <source>Open a picture: an image file, or an .npy of one C×H×W</source>
        <translation>사진을 엽니다: 이미지 파일, 또는 C×H×W 하나인 .npy</translation>
    </message>
    <message>
        <source>&lt;b&gt;As the network sees it&lt;/b&gt;</source>
        <translation>&lt;b&gt;네트워크가 보는 모습&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Most probable</source>
        <translation>가장 가능성 높은 클래스</translation>
    </message>
    <message>
        <source>Export the picture as the network sees it: a PNG, or an .npy (C, H, W) of its values in [0, 1]</source>
        <translation>네트워크가 보는 모습의 사진을 내보냅니다: PNG, 또는 [0, 1] 범위 값의 .npy (C, H, W)</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>특징 맵</translation>
    </message>
    <message>
        <source>First-layer filters</source>
        <translation>첫 층의 필터</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1을(를) 열 수 없습니다: %2</translation>
    </message>
    <message>
        <source>%1 is %2 MB; a picture may have up to %3 MB</source>
        <translation>%1은(는) %2 MB입니다. 사진은 %3 MB까지 가능합니다</translation>
    </message>
    <message>
        <source>%1 holds %2 pictures; open one</source>
        <translation>%1에 사진이 %2장 있습니다. 한 장을 여세요</translation>
    </message>
    <message>
        <source>camera</source>
        <translation>카메라</translation>
    </message>
    <message>
        <source>Open a model with classes first: the labels name its outputs.</source>
        <translation>먼저 클래스가 있는 모델을 여세요: 레이블은 모델의 출력에 이름을 붙입니다.</translation>
    </message>
    <message>
        <source>There is no model to save.</source>
        <translation>저장할 모델이 없습니다.</translation>
    </message>
    <message>
        <source>Saved %1 with its recipe and %2 labels.</source>
        <translation>%1을(를) 입력 방식과 레이블 %2개와 함께 저장했습니다.</translation>
    </message>
    <message>
        <source>Reading %1 (%2 MB)…</source>
        <translation>%1 (%2 MB) 읽는 중…</translation>
    </message>
    <message>
        <source>Running %1 on %2…</source>
        <translation>%2에 %1 실행 중…</translation>
    </message>
    <message>
        <source>%1 on %2: %3</source>
        <translation>%2에 대한 %1: %3</translation>
    </message>
    <message>
        <source>&lt;i&gt;none&lt;/i&gt;</source>
        <translation>&lt;i&gt;없음&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Forward pass %1 ms · %2 parameters · %3 multiply-adds</source>
        <translation>순전파 %1 ms · 파라미터 %2개 · 곱셈-덧셈 %3번</translation>
    </message>
    <message>
        <source>class %1</source>
        <translation>클래스 %1</translation>
    </message>
    <message>
        <source>output %1 of %2</source>
        <translation>출력 %2개 중 %1</translation>
    </message>
    <message>
        <source> · the model ends with maps, not classes</source>
        <translation> · 모델이 클래스가 아닌 맵으로 끝납니다</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2): %3 channels of %4×%5, one colour scale from %6 to %7. Click a channel to enlarge it.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (%2): %4×%5 채널 %3개, %6에서 %7까지 한 색 척도. 채널을 클릭하면 확대됩니다.</translation>
    </message>
    <message>
        <source>Channel %1 of %2, its own scale</source>
        <translation>채널 %2개 중 %1, 자기 척도</translation>
    </message>
    <message>
        <source>The model has no convolution.</source>
        <translation>모델에 합성곱이 없습니다.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 filters of %3×%4×%5, %6, each stretched over its own range (the numbers are the mean over its channels).</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: %3×%4×%5 필터 %2개, %6, 필터마다 자기 범위로 늘림 (숫자는 채널 평균).</translation>
    </message>
    <message>
        <source>in colour: red, green and blue weights as R, G, B</source>
        <translation>컬러: 빨강, 초록, 파랑 가중치를 R, G, B로</translation>
    </message>
    <message>
        <source>the first input channel in grey</source>
        <translation>첫 입력 채널을 회색으로</translation>
    </message>
    <message>
        <source>%1, unit %2: %3</source>
        <translation>%1, 유닛 %2: %3</translation>
    </message>
    <message>
        <source>%1, channel %2, row %3, column %4: %5</source>
        <translation>%1, 채널 %2, 행 %3, 열 %4: %5</translation>
    </message>
    <message>
        <source>There are no feature maps to export yet.</source>
        <translation>내보낼 특징 맵이 아직 없습니다.</translation>
    </message>
    <message>
        <source>There is no picture to export yet.</source>
        <translation>내보낼 사진이 아직 없습니다.</translation>
    </message>
    <message>
        <source>The model has no filters to export.</source>
        <translation>모델에 내보낼 필터가 없습니다.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1을(를) 쓸 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Open a model to inspect</source>
        <translation>검사할 모델 열기</translation>
    </message>
    <message>
        <source>Models (*.csm *.onnx)</source>
        <translation>모델 (*.csm *.onnx)</translation>
    </message>
    <message>
        <source>Open a picture</source>
        <translation>사진 열기</translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg *.bmp *.webp *.pgm *.ppm *.npy)</source>
        <translation>사진 (*.png *.jpg *.jpeg *.bmp *.webp *.pgm *.ppm *.npy)</translation>
    </message>
    <message>
        <source>Class labels, one a line</source>
        <translation>클래스 레이블, 한 줄에 하나</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>텍스트 파일 (*.txt);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Save the model with its recipe and labels</source>
        <translation>입력 방식과 레이블과 함께 모델 저장</translation>
    </message>
    <message>
        <source>ConvScope model (*.csm);;ONNX (*.onnx)</source>
        <translation>ConvScope 모델 (*.csm);;ONNX (*.onnx)</translation>
    </message>
    <message>
        <source>Export the picture as the network sees it</source>
        <translation>네트워크가 보는 모습의 사진 내보내기</translation>
    </message>
    <message>
        <source>PNG picture (*.png);;NumPy array, C×H×W in [0, 1] (*.npy)</source>
        <translation>PNG 그림 (*.png);;NumPy 배열, [0, 1] 범위의 C×H×W (*.npy)</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>%1에 썼습니다</translation>
    </message>
    <message>
        <source>Export the first layer&apos;s filters</source>
        <translation>첫 층의 필터 내보내기</translation>
    </message>
    <message>
        <source>PNG picture (*.png);;NumPy array, K×C×H×W (*.npy)</source>
        <translation>PNG 그림 (*.png);;NumPy 배열, K×C×H×W (*.npy)</translation>
    </message>
    <message>
        <source>open a picture to run through the model</source>
        <translation>모델에 넣을 사진을 여세요</translation>
    </message>
</context>
<context>
    <name>convscope::ui::KernelEditor</name>
    <message>
        <source>Flip the kernel (true convolution)</source>
        <translation>커널 뒤집기 (진짜 합성곱)</translation>
    </message>
    <message>
        <source>Depthwise: one output per channel</source>
        <translation>깊이별: 채널마다 출력 하나</translation>
    </message>
    <message>
        <source>Put a classic kernel into the selected filter</source>
        <translation>선택한 필터에 고전적인 커널을 넣습니다</translation>
    </message>
    <message>
        <source>Kernel size K: the filter is K×K</source>
        <translation>커널 크기 K: 필터는 K×K</translation>
    </message>
    <message>
        <source>Filters C_out: the output has one channel per filter</source>
        <translation>필터 C_out: 출력은 필터마다 채널 하나</translation>
    </message>
    <message>
        <source>Bias b, added to every output value of the selected filter</source>
        <translation>편향 b, 선택한 필터의 모든 출력값에 더해집니다</translation>
    </message>
    <message>
        <source>Deep-learning libraries slide the kernel as it is (cross-correlation); mathematics flips it first.</source>
        <translation>딥러닝 라이브러리는 커널을 그대로 밀어 움직이고(교차 상관), 수학에서는 먼저 뒤집습니다.</translation>
    </message>
    <message>
        <source>Each sub-filter sees only its own input channel and gives its own output channel (groups = C_in)</source>
        <translation>하위 필터마다 자기 입력 채널만 보고 자기 출력 채널을 냅니다 (groups = C_in)</translation>
    </message>
    <message>
        <source>Randomise</source>
        <translation>무작위로</translation>
    </message>
    <message>
        <source>Uniform weights in [−1, 1] for the selected filter</source>
        <translation>선택한 필터에 [−1, 1] 범위의 균등 분포 가중치</translation>
    </message>
    <message>
        <source>Normalise</source>
        <translation>정규화</translation>
    </message>
    <message>
        <source>Scale the selected filter so that its weights sum to 1 (a blur keeps the brightness); a filter that sums to 0, like an edge detector, so that its magnitudes sum to 1</source>
        <translation>선택한 필터의 가중치 합이 1이 되도록 조절합니다 (흐림 필터는 밝기를 유지). 합이 0인 필터(에지 검출기 등)는 크기의 합이 1이 되도록 합니다</translation>
    </message>
    <message>
        <source>filters</source>
        <translation>필터</translation>
    </message>
    <message>
        <source>Size K</source>
        <translation>크기 K</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>편집</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>채널</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>프리셋</translation>
    </message>
    <message>
        <source>Bias</source>
        <translation>편향</translation>
    </message>
    <message>
        <source>&lt;small&gt;Off: PyTorch&apos;s cross-correlation. On: the mathematical convolution, kernel turned 180°.&lt;/small&gt;</source>
        <translation>&lt;small&gt;끔: PyTorch의 교차 상관. 켬: 커널을 180° 돌린 수학적 합성곱.&lt;/small&gt;</translation>
    </message>
    <message>
        <source>unknown kernel %1</source>
        <translation>알 수 없는 커널 %1</translation>
    </message>
    <message>
        <source>“%1” is not a number; the weight stays %2.</source>
        <translation>“%1”은(는) 숫자가 아닙니다. 가중치는 %2 그대로입니다.</translation>
    </message>
    <message>
        <source>Filter %1: %2</source>
        <translation>필터 %1: %2</translation>
    </message>
    <message>
        <source>1 channel</source>
        <translation>채널 1개</translation>
    </message>
    <message>
        <source>all channels</source>
        <translation>모든 채널</translation>
    </message>
    <message>
        <source>R sub-filter</source>
        <translation>R 하위 필터</translation>
    </message>
    <message>
        <source>G sub-filter</source>
        <translation>G 하위 필터</translation>
    </message>
    <message>
        <source>B sub-filter</source>
        <translation>B 하위 필터</translation>
    </message>
    <message>
        <source>Parameters K·K·C&lt;sub&gt;in&lt;/sub&gt;·C&lt;sub&gt;out&lt;/sub&gt; + C&lt;sub&gt;out&lt;/sub&gt;&lt;br&gt;&lt;b&gt;%1&lt;/b&gt;</source>
        <translation>파라미터 K·K·C&lt;sub&gt;in&lt;/sub&gt;·C&lt;sub&gt;out&lt;/sub&gt; + C&lt;sub&gt;out&lt;/sub&gt;&lt;br&gt;&lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>convscope::ui::LanguageMenu</name>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>ConvScope speaks %1 from its next start. Restart it now? A training run that is not saved stops.</source>
        <translation>ConvScope는 다음 시작부터 %1(으)로 표시됩니다. 지금 다시 시작할까요? 저장하지 않은 학습은 멈춥니다.</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>System Language</source>
        <translation>시스템 언어</translation>
    </message>
    <message>
        <source>the system&apos;s language</source>
        <translation>시스템 언어</translation>
    </message>
</context>
<context>
    <name>convscope::ui::LayerBars</name>
    <message>
        <source>Logarithmic scale</source>
        <translation>로그 척도</translation>
    </message>
    <message>
        <source>A log scale shows the small layers beside the large ones</source>
        <translation>로그 척도에서는 작은 층이 큰 층 옆에서도 보입니다</translation>
    </message>
    <message>
        <source>parameters</source>
        <translation>파라미터</translation>
    </message>
    <message>
        <source>multiply-adds per image</source>
        <translation>이미지당 곱셈-덧셈</translation>
    </message>
</context>
<context>
    <name>convscope::ui::LayerTree</name>
    <message>
        <source>Layer</source>
        <translation>층</translation>
    </message>
    <message>
        <source>Output C×H×W</source>
        <translation>출력 C×H×W</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>파라미터</translation>
    </message>
    <message>
        <source>Mult-adds</source>
        <translation>곱셈-덧셈</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>영역</translation>
    </message>
    <message>
        <source>Jump</source>
        <translation>점프</translation>
    </message>
</context>
<context>
    <name>convscope::ui::MainWindow</name>
    <message>
        <source>ConvScope</source>
        <translation>ConvScope</translation>
    </message>
    <message>
        <source>Convolution</source>
        <translation>합성곱</translation>
    </message>
    <message>
        <source>Pooling</source>
        <translation>풀링</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>네트워크</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>Architectures</source>
        <translation>아키텍처</translation>
    </message>
    <message>
        <source>Receptive Field</source>
        <translation>수용 영역</translation>
    </message>
    <message>
        <source>Equivariance</source>
        <translation>등변성</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>샘플</translation>
    </message>
    <message>
        <source>Quiz</source>
        <translation>퀴즈</translation>
    </message>
    <message>
        <source>Inspect</source>
        <translation>검사</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Guide</source>
        <translation>안내서(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;About ConvScope</source>
        <translation>ConvScope 정보(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Image…</source>
        <translation>이미지 열기(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Sample</source>
        <translation>샘플 열기(&amp;S)</translation>
    </message>
    <message>
        <source>Open &amp;Model…</source>
        <translation>모델 열기(&amp;M)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>&amp;Inspect Model…</source>
        <translation>모델 검사(&amp;I)…</translation>
    </message>
    <message>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <source>Open a model to inspect</source>
        <translation>검사할 모델 열기</translation>
    </message>
    <message>
        <source>Models (*.csm *.onnx)</source>
        <translation>모델 (*.csm *.onnx)</translation>
    </message>
    <message>
        <source>&amp;Export Feature Maps…</source>
        <translation>특징 맵 내보내기(&amp;E)…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>&amp;Copy Feature Maps</source>
        <translation>특징 맵 복사(&amp;C)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <source>Save &amp;Screenshot…</source>
        <translation>스크린샷 저장(&amp;S)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>다시 실행(&amp;R)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Z</source>
        <translation>Ctrl+Shift+Z</translation>
    </message>
    <message>
        <source>Reset the Explorer to its &amp;Defaults</source>
        <translation>탐색기를 기본값으로 초기화(&amp;D)</translation>
    </message>
    <message>
        <source>Reset everything</source>
        <translation>모두 초기화</translation>
    </message>
    <message>
        <source>Reset the pooling</source>
        <translation>풀링 초기화</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>확대(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>축소(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Fit</source>
        <translation>맞추기(&amp;F)</translation>
    </message>
    <message>
        <source>Ctrl+0</source>
        <translation>Ctrl+0</translation>
    </message>
    <message>
        <source>&amp;Colormap</source>
        <translation>컬러맵(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Normalisation</source>
        <translation>정규화(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Step Mode</source>
        <translation>단계 모드(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Play / Pause</source>
        <translation>재생 / 일시정지(&amp;P)</translation>
    </message>
    <message>
        <source>Ctrl+Space</source>
        <translation>Ctrl+Space</translation>
    </message>
    <message>
        <source>&amp;Next Cell</source>
        <translation>다음 칸(&amp;N)</translation>
    </message>
    <message>
        <source>Ctrl+Right</source>
        <translation>Ctrl+Right</translation>
    </message>
    <message>
        <source>&amp;Reset</source>
        <translation>처음으로(&amp;R)</translation>
    </message>
    <message>
        <source>Ctrl+Left</source>
        <translation>Ctrl+Left</translation>
    </message>
    <message>
        <source>&amp;Presentation Mode (large fonts)</source>
        <translation>발표 모드 (큰 글꼴)(&amp;P)</translation>
    </message>
    <message>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <source>&amp;Dark Theme</source>
        <translation>어두운 테마(&amp;D)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+D</source>
        <translation>Ctrl+Shift+D</translation>
    </message>
    <message>
        <source>&amp;Focus View (hide the settings)</source>
        <translation>집중 보기 (설정 숨김)(&amp;F)</translation>
    </message>
    <message>
        <source>F11</source>
        <translation>F11</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>이동(&amp;G)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+I</source>
        <translation>Ctrl+Shift+I</translation>
    </message>
    <message>
        <source>Nothing to export</source>
        <translation>내보낼 것이 없습니다</translation>
    </message>
    <message>
        <source>The Convolution page has no feature map yet.</source>
        <translation>합성곱 페이지에 아직 특징 맵이 없습니다.</translation>
    </message>
    <message>
        <source>Copied the feature maps (%1) to the clipboard</source>
        <translation>특징 맵(%1)을 클립보드에 복사했습니다</translation>
    </message>
    <message>
        <source>Save Screenshot</source>
        <translation>스크린샷 저장</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 이미지 (*.png)</translation>
    </message>
    <message>
        <source>Screenshot not saved</source>
        <translation>스크린샷을 저장하지 못했습니다</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1을(를) 쓸 수 없습니다: %2</translation>
    </message>
</context>
<context>
    <name>convscope::ui::NetworkDiagram</name>
    <message>
        <source>Double-click to unfold</source>
        <translation>더블클릭하면 펼칩니다</translation>
    </message>
    <message>
        <source>Double-click to fold</source>
        <translation>더블클릭하면 접습니다</translation>
    </message>
</context>
<context>
    <name>convscope::ui::NetworkPage</name>
    <message>
        <source>Network (%1 classes)</source>
        <translation>네트워크 (클래스 %1개)</translation>
    </message>
    <message>
        <source>custom</source>
        <translation>직접 지정</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>층</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <source>Output C×H×W</source>
        <translation>출력 C×H×W</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>파라미터</translation>
    </message>
    <message>
        <source>Mult-adds</source>
        <translation>곱셈-덧셈</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>영역</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>The receptive field: how many input pixels one unit of the layer sees</source>
        <translation>수용 영역: 층의 유닛 하나가 보는 입력 픽셀 수</translation>
    </message>
    <message>
        <source>Settings in the spec&apos;s words, e.g. conv: &apos;6 5x5 pad 2 stride 1&apos;, maxpool: &apos;2&apos;, dense: &apos;120&apos;, dropout: &apos;0.5&apos;</source>
        <translation>스펙 문법으로 쓴 설정. 예: conv: &apos;6 5x5 pad 2 stride 1&apos;, maxpool: &apos;2&apos;, dense: &apos;120&apos;, dropout: &apos;0.5&apos;</translation>
    </message>
    <message>
        <source>The whole network as one line, as convscope-cli train --model takes it; edit and press Return</source>
        <translation>convscope-cli train --model이 받는 형식의 한 줄짜리 네트워크 전체. 고치고 Return을 누르세요</translation>
    </message>
    <message>
        <source>The input shape the figures are worked out for, C×H×W: try 3x32x32 or 3x224x224 to see what a network would do with other images. Training always takes the data set&apos;s images; press Return to apply</source>
        <translation>수치를 계산할 입력 모양 C×H×W: 3x32x32나 3x224x224를 넣어 네트워크가 다른 이미지로 무엇을 할지 보세요. 학습은 언제나 데이터셋의 이미지를 씁니다. Return으로 적용</translation>
    </message>
    <message>
        <source>Add layer</source>
        <translation>층 추가</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>제거</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>위로</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>아래로</translation>
    </message>
    <message>
        <source>Load model…</source>
        <translation>모델 불러오기…</translation>
    </message>
    <message>
        <source>A trained model with its weights: a .csm saved by ConvScope or an .onnx digit model from PyTorch</source>
        <translation>가중치가 있는 학습된 모델: ConvScope가 저장한 .csm 또는 PyTorch의 .onnx 숫자 모델</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>프리셋</translation>
    </message>
    <message>
        <source>Spec</source>
        <translation>스펙</translation>
    </message>
    <message>
        <source>Input C×H×W</source>
        <translation>입력 C×H×W</translation>
    </message>
    <message>
        <source>Input %1; the figures are for %2.</source>
        <translation>입력 %1. 수치는 %2에 대한 것입니다.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Total: %1 parameters, %2 multiply-adds per image.&lt;/b&gt;</source>
        <translation>&lt;b&gt;합계: 파라미터 %1개, 이미지당 곱셈-덧셈 %2번.&lt;/b&gt;</translation>
    </message>
    <message>
        <source> No convolution: every weight of the first dense layer looks at one pixel of the whole image, and nothing is shared.</source>
        <translation> 합성곱이 없습니다: 첫 완전 연결층의 가중치는 각각 이미지 전체의 픽셀 하나만 보고, 아무것도 공유하지 않습니다.</translation>
    </message>
    <message>
        <source> An MLP with a dense layer as large as each stage&apos;s output (%1) would have %2 parameters: convolutions share their weights across the image.</source>
        <translation> 단계마다 출력(%1)만큼 큰 완전 연결층을 둔 MLP라면 파라미터가 %2개입니다: 합성곱은 가중치를 이미지 전체에서 공유합니다.</translation>
    </message>
    <message>
        <source>Change the network</source>
        <translation>네트워크 바꾸기</translation>
    </message>
    <message>
        <source>A new network starts with fresh random weights: the %1 steps trained since the weights were last saved are lost.

Change the network?</source>
        <translation>새 네트워크는 새 무작위 가중치로 시작합니다: 마지막으로 저장한 뒤 학습한 %1스텝을 잃습니다.

네트워크를 바꿀까요?</translation>
    </message>
    <message>
        <source>layer %1: %2</source>
        <translation>%1층: %2</translation>
    </message>
    <message>
        <source>with the data&apos;s %1 input: %2</source>
        <translation>데이터의 %1 입력으로: %2</translation>
    </message>
    <message>
        <source>with a %1 input: %2</source>
        <translation>%1 입력으로: %2</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>정상</translation>
    </message>
    <message>
        <source>after the bad layer</source>
        <translation>잘못된 층 뒤</translation>
    </message>
    <message>
        <source>&lt;i&gt;What if the input were %1:&lt;/i&gt; </source>
        <translation>&lt;i&gt;입력이 %1이라면:&lt;/i&gt; </translation>
    </message>
    <message>
        <source>training is running: stop it to use this network</source>
        <translation>학습 중입니다: 이 네트워크를 쓰려면 학습을 멈추세요</translation>
    </message>
</context>
<context>
    <name>convscope::ui::PoolingPage</name>
    <message>
        <source>= kernel size</source>
        <translation>= 커널 크기</translation>
    </message>
    <message>
        <source>Show gradient routing</source>
        <translation>기울기 경로 보기</translation>
    </message>
    <message>
        <source>Shift input right by 1 px</source>
        <translation>입력을 오른쪽으로 1 px 이동</translation>
    </message>
    <message>
        <source>Hover over a pooled value to see its window and, for max pooling, the winner.</source>
        <translation>풀링한 값 위에 마우스를 올리면 그 창과, 최대 풀링이면 이긴 값이 보입니다.</translation>
    </message>
    <message>
        <source>Change the pooling</source>
        <translation>풀링 바꾸기</translation>
    </message>
    <message>
        <source>feature maps of the Convolution page</source>
        <translation>합성곱 페이지의 특징 맵</translation>
    </message>
    <message>
        <source>input image of the Convolution page</source>
        <translation>합성곱 페이지의 입력 이미지</translation>
    </message>
    <message>
        <source>max</source>
        <translation>최대</translation>
    </message>
    <message>
        <source>average</source>
        <translation>평균</translation>
    </message>
    <message>
        <source>On both sides, at most half the kernel (PyTorch&apos;s rule); max pooling pads with −∞, average with 0 (counted in the mean)</source>
        <translation>양쪽 모두 커널의 절반까지 (PyTorch의 규칙). 최대 풀링은 −∞로, 평균 풀링은 0으로 채웁니다 (평균에 포함)</translation>
    </message>
    <message>
        <source>Where a gradient of 1 at every pooled value flows back: only to the winner for max, spread evenly for average</source>
        <translation>풀링한 모든 값에 기울기 1을 주면 어디로 흘러가는지: 최대는 이긴 값에게만, 평균은 고르게 나눠서</translation>
    </message>
    <message>
        <source>Move the input one pixel to the right and mark in green the pooled values that did not change</source>
        <translation>입력을 오른쪽으로 한 픽셀 옮기고, 바뀌지 않은 풀링 값을 초록색으로 표시합니다</translation>
    </message>
    <message>
        <source>&lt;small&gt;Translation invariance: a maximum that stays inside its window after a small shift gives the same pooled value, so max pooling forgets small moves; the average changes a little everywhere.&lt;/small&gt;</source>
        <translation>&lt;small&gt;이동 불변성: 작게 이동한 뒤에도 최댓값이 창 안에 남으면 풀링 값이 같으므로, 최대 풀링은 작은 움직임을 잊습니다. 평균은 어디서나 조금씩 바뀝니다.&lt;/small&gt;</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>풀링</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Size K</source>
        <translation>크기 K</translation>
    </message>
    <message>
        <source>Stride S</source>
        <translation>스트라이드 S</translation>
    </message>
    <message>
        <source>Padding P</source>
        <translation>패딩 P</translation>
    </message>
    <message>
        <source>Pooling</source>
        <translation>풀링</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>초기화</translation>
    </message>
    <message>
        <source>Back to the defaults (Edit ▸ Undo takes it back)</source>
        <translation>기본값으로 되돌립니다 (편집 ▸ 실행 취소로 되돌릴 수 있습니다)</translation>
    </message>
    <message>
        <source>Reset the pooling</source>
        <translation>풀링 초기화</translation>
    </message>
    <message>
        <source>invalid setting: the last valid output is greyed out</source>
        <translation>잘못된 설정: 마지막 올바른 출력을 회색으로 표시</translation>
    </message>
    <message>
        <source>&lt;b&gt;Pooled&lt;/b&gt; C×O&lt;sub&gt;h&lt;/sub&gt;×O&lt;sub&gt;w&lt;/sub&gt; = &lt;b&gt;%1×%2×%3&lt;/b&gt;%4</source>
        <translation>&lt;b&gt;풀링 결과&lt;/b&gt; C×O&lt;sub&gt;h&lt;/sub&gt;×O&lt;sub&gt;w&lt;/sub&gt; = &lt;b&gt;%1×%2×%3&lt;/b&gt;%4</translation>
    </message>
    <message>
        <source>Pooling %1 %2×%2, stride %3, padding %4: %5 → %6</source>
        <translation>풀링 %1 %2×%2, 스트라이드 %3, 패딩 %4: %5 → %6</translation>
    </message>
    <message>
        <source>channel %1, </source>
        <translation>채널 %1, </translation>
    </message>
    <message>
        <source>before the shift</source>
        <translation>이동 전</translation>
    </message>
    <message>
        <source>after the shift</source>
        <translation>이동 후</translation>
    </message>
    <message>
        <source>shifted 1 px right: of the %1 windows with something in them, %2 keep their %3 (%4 %, green); %5 pooling would keep %6 (%7 %). %8 flat background windows are left out.</source>
        <translation>오른쪽으로 1 px 이동: 내용이 있는 창 %1개 중 %2개가 %3을(를) 유지합니다 (%4 %, 초록). %5 풀링이라면 %6개 (%7 %)가 유지됩니다. 배경만 있는 창 %8개는 뺐습니다.</translation>
    </message>
    <message>
        <source>maximum</source>
        <translation>최댓값</translation>
    </message>
    <message>
        <source>&lt;b&gt;Gradient routed back&lt;/b&gt; from a 1 at every pooled value (Σ = %1)</source>
        <translation>풀링한 모든 값의 1에서 &lt;b&gt;되돌아간 기울기&lt;/b&gt; (Σ = %1)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Input&lt;/b&gt; C×H×W = %1×%2×%3%4</source>
        <translation>&lt;b&gt;입력&lt;/b&gt; C×H×W = %1×%2×%3%4</translation>
    </message>
    <message>
        <source>, shifted right by 1 px</source>
        <translation>, 오른쪽으로 1 px 이동</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Pooled channel %1, row %2, column %3&lt;/b&gt;: the %4×%4 window at rows %5 to %6, columns %7 to %8&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;풀링 채널 %1, 행 %2, 열 %3&lt;/b&gt;: 행 %5–%6, 열 %7–%8의 %4×%4 창&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;max = &lt;b&gt;%1&lt;/b&gt;, won by the input at row %2, column %3 (the first maximum wins a tie). Its gradient goes back there alone.&lt;/p&gt;</source>
        <translation>&lt;p&gt;최대 = &lt;b&gt;%1&lt;/b&gt;, 행 %2, 열 %3의 입력이 이겼습니다 (같으면 첫 최댓값이 이깁니다). 기울기는 그곳으로만 돌아갑니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;average = Σ / %1 = &lt;b&gt;%2&lt;/b&gt; (padding cells count as 0). A gradient of 1 comes back as 1/%1 = %3 to each of the %1 cells.&lt;/p&gt;</source>
        <translation>&lt;p&gt;평균 = Σ / %1 = &lt;b&gt;%2&lt;/b&gt; (패딩 칸은 0으로 셉니다). 기울기 1은 %1개 칸 각각에 1/%1 = %3씩 돌아갑니다.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>convscope::ui::ProbeView</name>
    <message>
        <source>Probe: test image</source>
        <translation>프로브: 테스트 이미지</translation>
    </message>
    <message>
        <source>Which test image runs through the network, counted from 1</source>
        <translation>네트워크에 넣을 테스트 이미지, 1부터 셉니다</translation>
    </message>
    <message>
        <source>&lt;b&gt;Softmax&lt;/b&gt;&lt;br&gt;green frame: true class</source>
        <translation>&lt;b&gt;소프트맥스&lt;/b&gt;&lt;br&gt;초록 테두리: 실제 클래스</translation>
    </message>
    <message>
        <source>loss −ln p = 00.000</source>
        <translation>손실 −ln p = 00.000</translation>
    </message>
    <message>
        <source>The cross-entropy of this image: −ln of the probability given to its true class; training lowers its mean over each batch</source>
        <translation>이 이미지의 교차 엔트로피: 실제 클래스에 준 확률의 −ln. 학습은 배치마다 그 평균을 낮춥니다</translation>
    </message>
    <message>
        <source>input</source>
        <translation>입력</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>내보내기…</translation>
    </message>
    <message>
        <source>Save this layer&apos;s maps as a PNG grid, one PNG per channel or .npy</source>
        <translation>이 층의 맵을 PNG 격자, 채널마다 PNG 하나, 또는 .npy로 저장합니다</translation>
    </message>
    <message>
        <source>Click a map to enlarge it</source>
        <translation>맵을 클릭하면 확대됩니다</translation>
    </message>
    <message>
        <source>your drawing</source>
        <translation>내 그림</translation>
    </message>
    <message>
        <source>no data set: choose one on the Network page</source>
        <translation>데이터셋 없음: 네트워크 페이지에서 고르세요</translation>
    </message>
    <message>
        <source>predicted %1 (%2 %)</source>
        <translation>예측 %1 (%2 %)</translation>
    </message>
    <message>
        <source> · at step %1</source>
        <translation> · 스텝 %1에서</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>true class %1 · %2%3</source>
        <translation>실제 클래스 %1 · %2%3</translation>
    </message>
    <message>
        <source>loss −ln p = %1</source>
        <translation>손실 −ln p = %1</translation>
    </message>
    <message>
        <source>%1, channel %2 at step %3</source>
        <translation>%1, 채널 %2, 스텝 %3에서</translation>
    </message>
    <message>
        <source>row 000, column 000: −0.00000</source>
        <translation>행 000, 열 000: −0.00000</translation>
    </message>
    <message>
        <source>Hover over the map to read its values; click a unit to see its receptive field</source>
        <translation>맵 위에 마우스를 올리면 값이 보이고, 유닛을 클릭하면 수용 영역이 보입니다</translation>
    </message>
    <message>
        <source>Hover over the map to read its values</source>
        <translation>맵 위에 마우스를 올리면 값이 보입니다</translation>
    </message>
    <message>
        <source>row %1, column %2: %3</source>
        <translation>행 %1, 열 %2: %3</translation>
    </message>
</context>
<context>
    <name>convscope::ui::QuizPage</name>
    <message>
        <source>max pool %1×%1</source>
        <translation>최대 풀링 %1×%1</translation>
    </message>
    <message>
        <source>conv %1×%1</source>
        <translation>합성곱 %1×%1</translation>
    </message>
    <message>
        <source>%1 (stride %2, dilation %3)</source>
        <translation>%1 (스트라이드 %2, 팽창 %3)</translation>
    </message>
    <message>
        <source>%1 (stride %2)</source>
        <translation>%1 (스트라이드 %2)</translation>
    </message>
    <message>
        <source>Layer by layer: %1. How many input pixels wide is the receptive field of one unit of the last layer?</source>
        <translation>층별로: %1. 마지막 층 유닛 하나의 수용 영역은 입력 픽셀 몇 개 너비입니까?</translation>
    </message>
    <message>
        <source>, then </source>
        <translation>, 다음 </translation>
    </message>
    <message>
        <source>Check</source>
        <translation>확인</translation>
    </message>
    <message>
        <source>Next question</source>
        <translation>다음 문제</translation>
    </message>
    <message>
        <source>Show the working</source>
        <translation>풀이 보기</translation>
    </message>
    <message>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <source>The next question (Ctrl+N, or Return once answered)</source>
        <translation>다음 문제 (Ctrl+N, 답한 뒤에는 Return)</translation>
    </message>
    <message>
        <source>How to work the answer out, with this question&apos;s numbers</source>
        <translation>이 문제의 숫자로 답을 구하는 방법</translation>
    </message>
    <message>
        <source>Work it out on paper first, then type the answer and press Return. One try a question; an answer that cannot be read may be typed again.</source>
        <translation>먼저 종이에 풀고, 답을 입력한 뒤 Return을 누르세요. 문제마다 한 번 시도할 수 있고, 읽을 수 없는 답은 다시 입력할 수 있습니다.</translation>
    </message>
    <message>
        <source>Pop quiz</source>
        <translation>쪽지 시험</translation>
    </message>
    <message>
        <source>Questions on</source>
        <translation>문제 종류</translation>
    </message>
    <message>
        <source>Give the class one seed: everyone gets the same questions in the same order</source>
        <translation>반 전체에 시드 하나를 주세요: 모두 같은 문제를 같은 순서로 받습니다</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <source>New quiz</source>
        <translation>새 퀴즈</translation>
    </message>
    <message>
        <source>Start again from question 1 with this seed</source>
        <translation>이 시드로 1번 문제부터 다시 시작합니다</translation>
    </message>
    <message>
        <source>The same seed gives the whole class the same questions: write it on the board, or start ConvScope with --page quiz --seed N.</source>
        <translation>같은 시드는 반 전체에 같은 문제를 줍니다: 칠판에 적거나, ConvScope를 --page quiz --seed N으로 시작하세요.</translation>
    </message>
    <message>
        <source>Question %1 · %2</source>
        <translation>문제 %1 · %2</translation>
    </message>
    <message>
        <source>C×H×W, e.g. 3×32×32</source>
        <translation>C×H×W, 예: 3×32×32</translation>
    </message>
    <message>
        <source>a number, e.g. 1,216</source>
        <translation>숫자 하나, 예: 1,216</translation>
    </message>
    <message>
        <source>Score %1 of %2 · streak %3 · best streak %4</source>
        <translation>점수 %1/%2 · 연속 정답 %3 · 최고 연속 %4</translation>
    </message>
    <message>
        <source>Quiz, seed %1: %2</source>
        <translation>퀴즈, 시드 %1: %2</translation>
    </message>
</context>
<context>
    <name>convscope::ui::ReceptiveFieldPage</name>
    <message>
        <source>The input and the unit&apos;s theoretical field</source>
        <translation>입력과 유닛의 이론적 영역</translation>
    </message>
    <message>
        <source>Its effective field: |∂ unit / ∂ pixel|</source>
        <translation>유효 영역: |∂ 유닛 / ∂ 픽셀|</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>층</translation>
    </message>
    <message>
        <source>Field r</source>
        <translation>영역 r</translation>
    </message>
    <message>
        <source>Jump j</source>
        <translation>점프 j</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>How the field grows</source>
        <translation>영역이 자라는 방식</translation>
    </message>
    <message>
        <source>r′ and j′ are the field and jump of the layer&apos;s input: each layer adds D·(K−1)·j′ pixels, and a stride multiplies the jump</source>
        <translation>r′과 j′은 층 입력의 영역과 점프입니다: 층마다 D·(K−1)·j′ 픽셀이 더해지고, 스트라이드는 점프를 곱합니다</translation>
    </message>
    <message>
        <source>A unit of a deep layer sees a patch of the input: each layer adds D·(K−1)·j′ pixels to it, j′ being how far apart its input&apos;s units are on the image, and each stride or pool multiplies that distance. That is the theoretical field (orange). The gradient shows how much each pixel really moves the unit: deep in a stack the effective field is smaller than the theoretical one and strongest in its middle (try mini-resnet&apos;s last layers); two layers in, as in LeNet-5&apos;s conv2, it still fills most of it. Click the feature map to pick another unit, or write your own stack.</source>
        <translation>깊은 층의 유닛은 입력의 한 조각을 봅니다: 층마다 D·(K−1)·j′ 픽셀이 더해지는데, j′은 그 층 입력의 유닛들이 이미지에서 떨어진 거리이고, 스트라이드나 풀링마다 그 거리가 곱해집니다. 이것이 이론적 영역(주황)입니다. 기울기는 각 픽셀이 유닛을 실제로 얼마나 움직이는지 보여 줍니다: 스택 깊은 곳에서 유효 영역은 이론적 영역보다 작고 가운데가 가장 강합니다 (mini-resnet의 마지막 층들에서 해 보세요). LeNet-5의 conv2처럼 두 층째에서는 아직 대부분을 채웁니다. 특징 맵을 클릭해 다른 유닛을 고르거나, 자기 스택을 써 보세요.</translation>
    </message>
    <message>
        <source>Receptive field</source>
        <translation>수용 영역</translation>
    </message>
    <message>
        <source>The network the Training page trains, with its weights as they are now; a preset with fresh random weights, on its own input size; or a stack of layers you write</source>
        <translation>학습 페이지가 학습하는 네트워크(지금의 가중치 그대로), 자기 입력 크기에서 새 무작위 가중치를 쓴 프리셋, 또는 직접 쓴 층 스택</translation>
    </message>
    <message>
        <source>Layers as on the Network page, such as conv 8 3x3 stride 2 | maxpool 2 | conv 16 3x3 dilation 2; no classifier is needed</source>
        <translation>네트워크 페이지처럼 쓴 층. 예: conv 8 3x3 stride 2 | maxpool 2 | conv 16 3x3 dilation 2. 분류기는 필요 없습니다</translation>
    </message>
    <message>
        <source>The input&apos;s channels, height and width, such as 3x64x64</source>
        <translation>입력의 채널, 높이, 너비. 예: 3x64x64</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>네트워크</translation>
    </message>
    <message>
        <source>Layers of your stack</source>
        <translation>내 스택의 층</translation>
    </message>
    <message>
        <source>Its input C×H×W</source>
        <translation>입력 C×H×W</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>채널</translation>
    </message>
    <message>
        <source>Unit row</source>
        <translation>유닛 행</translation>
    </message>
    <message>
        <source>Unit column</source>
        <translation>유닛 열</translation>
    </message>
    <message>
        <source>Test image</source>
        <translation>테스트 이미지</translation>
    </message>
    <message>
        <source>%1. The views show the last stack that was built.</source>
        <translation>%1. 보기에는 마지막으로 만든 스택이 보입니다.</translation>
    </message>
    <message>
        <source>The input is the Samples page&apos;s cat, cropped to %1.</source>
        <translation>입력은 샘플 페이지의 고양이를 %1(으)로 자른 것입니다.</translation>
    </message>
    <message>
        <source>Test image %1 of %2 (%3)</source>
        <translation>테스트 이미지 %2개 중 %1번째 (%3)</translation>
    </message>
    <message>
        <source>No data set is loaded (the Network page loads one): the input is blank.</source>
        <translation>불러온 데이터셋이 없습니다 (네트워크 페이지에서 불러옵니다): 입력은 비어 있습니다.</translation>
    </message>
    <message>
        <source>%1, channel %2 of %3: the unit at row %4, column %5</source>
        <translation>%1, 채널 %3개 중 %2: 행 %4, 열 %5의 유닛</translation>
    </message>
    <message>
        <source>Receptive field: %1 sees %2×%3 pixels</source>
        <translation>수용 영역: %1은(는) %2×%3 픽셀을 봅니다</translation>
    </message>
    <message>
        <source>One unit of &lt;b&gt;%1&lt;/b&gt; sees &lt;b&gt;%2×%3&lt;/b&gt; input pixels. Working out its gradient on each of the %4 input values (%5 multiply-adds forward)…</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;의 유닛 하나는 입력 픽셀 &lt;b&gt;%2×%3&lt;/b&gt;개를 봅니다. 입력값 %4개 각각에 대한 기울기를 계산하는 중 (순전파 곱셈-덧셈 %5번)…</translation>
    </message>
    <message>
        <source>One unit of &lt;b&gt;%1&lt;/b&gt; sees &lt;b&gt;%2×%3&lt;/b&gt; input pixels: rows %4 to %5, columns %6 to %7 (from 1; a field that starts before 1 or ends after %8×%9 reaches into the padding).</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;의 유닛 하나는 입력 픽셀 &lt;b&gt;%2×%3&lt;/b&gt;개를 봅니다: 행 %4–%5, 열 %6–%7 (1부터 셈. 1보다 앞에서 시작하거나 %8×%9 뒤에서 끝나는 영역은 패딩에 닿습니다).</translation>
    </message>
    <message>
        <source> On this image 90 % of its gradient lies in a &lt;b&gt;%1×%1&lt;/b&gt; square, rows %2 to %3, columns %4 to %5 (green), about its centre of weight at row %6, column %7: the effective field is %8 the theoretical one.</source>
        <translation> 이 이미지에서 기울기의 90 %는 행 %2–%3, 열 %4–%5의 &lt;b&gt;%1×%1&lt;/b&gt; 정사각형(초록)에 있고, 무게 중심은 행 %6, 열 %7입니다: 유효 영역은 이론적 영역%8.</translation>
    </message>
    <message>
        <source>smaller than</source>
        <translation>보다 작습니다</translation>
    </message>
    <message>
        <source>as large as</source>
        <translation>만큼 큽니다</translation>
    </message>
    <message>
        <source> On this image its gradient is zero everywhere: a ReLU on the way is off for it. Pick another unit or image.</source>
        <translation> 이 이미지에서는 기울기가 모든 곳에서 0입니다: 가는 길의 ReLU가 이 유닛에 대해 꺼져 있습니다. 다른 유닛이나 이미지를 고르세요.</translation>
    </message>
</context>
<context>
    <name>convscope::ui::RunsPanel</name>
    <message>
        <source>%1 momentum %2</source>
        <translation>%1 모멘텀 %2</translation>
    </message>
    <message>
        <source>%1 · lr %2 · batch %3</source>
        <translation>%1 · 학습률 %2 · 배치 %3</translation>
    </message>
    <message>
        <source>Keep this run</source>
        <translation>이 실행 보관</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>제거</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV 내보내기…</translation>
    </message>
    <message>
        <source>Compare optimizers…</source>
        <translation>옵티마이저 비교…</translation>
    </message>
    <message>
        <source>Runs kept on the plots: untick one to hide it</source>
        <translation>그래프에 보관한 실행: 체크를 끄면 숨깁니다</translation>
    </message>
    <message>
        <source>Keep the current run&apos;s curves on the plots, to compare the next run with it</source>
        <translation>지금 실행의 곡선을 그래프에 남겨 다음 실행과 비교합니다</translation>
    </message>
    <message>
        <source>Train the network from the same fresh weights with each chosen optimizer, one after another, and keep every run</source>
        <translation>같은 새 가중치에서 고른 옵티마이저마다 차례로 네트워크를 학습하고 모든 실행을 보관합니다</translation>
    </message>
    <message>
        <source>Export the runs</source>
        <translation>실행 내보내기</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 파일 (*.csv)</translation>
    </message>
    <message>
        <source>Training: %1 runs exported to %2</source>
        <translation>학습: 실행 %1개를 %2에 내보냈습니다</translation>
    </message>
    <message>
        <source> (stopped)</source>
        <translation> (멈춤)</translation>
    </message>
    <message>
        <source>SGD with momentum %1</source>
        <translation>모멘텀 %1의 SGD</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>AdamW, weight decay %1</source>
        <translation>AdamW, 가중치 감쇠 %1</translation>
    </message>
    <message>
        <source>AdaGrad</source>
        <translation>AdaGrad</translation>
    </message>
    <message>
        <source>RMSprop</source>
        <translation>RMSprop</translation>
    </message>
    <message>
        <source>AdaDelta</source>
        <translation>AdaDelta</translation>
    </message>
    <message>
        <source>%1, learning rate %2</source>
        <translation>%1, 학습률 %2</translation>
    </message>
    <message>
        <source>Compare optimizers</source>
        <translation>옵티마이저 비교</translation>
    </message>
    <message>
        <source>Train from the same fresh weights with each of:</source>
        <translation>같은 새 가중치에서 다음 각각으로 학습:</translation>
    </message>
    <message>
        <source>epochs: </source>
        <translation>에포크: </translation>
    </message>
    <message>
        <source>Each run starts from fresh weights: the %1 steps trained since the weights were last saved are lost.

Compare?</source>
        <translation>실행마다 새 가중치에서 시작합니다: 마지막으로 저장한 뒤 학습한 %1스텝을 잃습니다.

비교할까요?</translation>
    </message>
    <message>
        <source>Training: the optimizers are compared on the plots</source>
        <translation>학습: 옵티마이저를 그래프에서 비교합니다</translation>
    </message>
</context>
<context>
    <name>convscope::ui::SamplesPage</name>
    <message>
        <source>%1×%2 pixels, %3</source>
        <translation>%1×%2 픽셀, %3</translation>
    </message>
    <message>
        <source>grayscale (1 channel)</source>
        <translation>회색조 (채널 1개)</translation>
    </message>
    <message>
        <source>colour (3 channels: R, G, B)</source>
        <translation>컬러 (채널 3개: R, G, B)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — %2&lt;br&gt;&lt;small&gt;%3 · %4 · %5&lt;/small&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — %2&lt;br&gt;&lt;small&gt;%3 · %4 · %5&lt;/small&gt;</translation>
    </message>
    <message>
        <source>%1: %2×%3, %4</source>
        <translation>%1: %2×%3, %4</translation>
    </message>
    <message>
        <source>1 channel</source>
        <translation>채널 1개</translation>
    </message>
    <message>
        <source>3 channels</source>
        <translation>채널 3개</translation>
    </message>
</context>
<context>
    <name>convscope::ui::StepBar</name>
    <message>
        <source>Step</source>
        <translation>한 칸</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>처음으로</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>재생</translation>
    </message>
    <message>
        <source>Slide the window over the input one output cell at a time (Space)</source>
        <translation>창을 입력 위로 출력 한 칸씩 밀어 움직입니다 (Space)</translation>
    </message>
    <message>
        <source>Compute the next output cell (Right arrow)</source>
        <translation>다음 출력 칸을 계산합니다 (오른쪽 화살표)</translation>
    </message>
    <message>
        <source>Show the full result again</source>
        <translation>전체 결과를 다시 보여 줍니다</translation>
    </message>
    <message>
        <source>Speed: output cells per second</source>
        <translation>속도: 초당 출력 칸 수</translation>
    </message>
    <message>
        <source>Step mode</source>
        <translation>단계 모드</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>속도</translation>
    </message>
    <message>
        <source>%1 cells/s</source>
        <translation>초당 %1칸</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시정지</translation>
    </message>
    <message>
        <source>%1  ·  cell %2 of %3</source>
        <translation>%1  ·  %3칸 중 %2</translation>
    </message>
</context>
<context>
    <name>convscope::ui::TrainingPage</name>
    <message>
        <source>Live</source>
        <translation>실시간</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>평가</translation>
    </message>
    <message>
        <source>Draw a digit</source>
        <translation>숫자 그리기</translation>
    </message>
    <message>
        <source>Explain</source>
        <translation>설명</translation>
    </message>
    <message>
        <source>Draw</source>
        <translation>그리기</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>SGD with momentum %1</source>
        <translation>모멘텀 %1의 SGD</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>AdamW (decoupled weight decay)</source>
        <translation>AdamW (분리된 가중치 감쇠)</translation>
    </message>
    <message>
        <source>AdaGrad</source>
        <translation>AdaGrad</translation>
    </message>
    <message>
        <source>RMSprop</source>
        <translation>RMSprop</translation>
    </message>
    <message>
        <source>AdaDelta</source>
        <translation>AdaDelta</translation>
    </message>
    <message>
        <source>PyTorch&apos;s torch.optim rules with their defaults; SGD with momentum uses 0.9</source>
        <translation>PyTorch torch.optim의 규칙과 기본값. 모멘텀 SGD는 0.9를 씁니다</translation>
    </message>
    <message>
        <source>The base learning rate; it falls to 0 on a cosine over the run</source>
        <translation>기본 학습률. 실행 동안 코사인을 따라 0으로 떨어집니다</translation>
    </message>
    <message>
        <source>The same seed gives the same initial weights and the same run</source>
        <translation>같은 시드는 같은 초기 가중치와 같은 실행을 줍니다</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>옵티마이저</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>배치 크기</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>에포크</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>스레드</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시정지</translation>
    </message>
    <message>
        <source>Single step</source>
        <translation>한 스텝</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>멈춤</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>초기화</translation>
    </message>
    <message>
        <source>Train from the current weights (Ctrl+Return)</source>
        <translation>지금의 가중치에서 학습합니다 (Ctrl+Return)</translation>
    </message>
    <message>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <source>Train one batch and pause: one update of every weight</source>
        <translation>배치 하나를 학습하고 멈춥니다: 모든 가중치를 한 번 갱신</translation>
    </message>
    <message>
        <source>Fresh random weights from the seed; the plots start again</source>
        <translation>시드에서 새 무작위 가중치. 그래프도 다시 시작합니다</translation>
    </message>
    <message>
        <source>Save model…</source>
        <translation>모델 저장…</translation>
    </message>
    <message>
        <source>Load model…</source>
        <translation>모델 불러오기…</translation>
    </message>
    <message>
        <source>Export plots…</source>
        <translation>그래프 내보내기…</translation>
    </message>
    <message>
        <source>Save log (CSV)…</source>
        <translation>기록 저장 (CSV)…</translation>
    </message>
    <message>
        <source>the network on the Network page is not valid: %1</source>
        <translation>네트워크 페이지의 네트워크가 올바르지 않습니다: %1</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>계속</translation>
    </message>
    <message>
        <source>Cannot train: %1</source>
        <translation>학습할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Training: the network on the Network page is not valid</source>
        <translation>학습: 네트워크 페이지의 네트워크가 올바르지 않습니다</translation>
    </message>
    <message>
        <source>Training: %1 · loaded %2 · step %3</source>
        <translation>학습: %1 · %2 불러옴 · 스텝 %3</translation>
    </message>
    <message>
        <source>Training: %1 · %2 parameters</source>
        <translation>학습: %1 · 파라미터 %2개</translation>
    </message>
    <message>
        <source>Training: %1 · step %2 · %3 img/s</source>
        <translation>학습: %1 · 스텝 %2 · 초당 %3장</translation>
    </message>
    <message>
        <source>epoch %1 of %2 · step %3
%4 images/s · ETA %5
loss %6 (smoothed %7)</source>
        <translation>에포크 %2 중 %1 · 스텝 %3
초당 %4장 · 남은 시간 %5
손실 %6 (평활 %7)</translation>
    </message>
    <message>
        <source>
epoch %1: train %2 %, test %3 %</source>
        <translation>
에포크 %1: 학습 %2 %, 테스트 %3 %</translation>
    </message>
    <message>
        <source>Not trained yet:
the filters are random.</source>
        <translation>아직 학습 전:
필터는 무작위입니다.</translation>
    </message>
    <message>
        <source>Loaded %1
trained %2 epochs, %3 steps on %4
%5
test %6 %, train %7 %</source>
        <translation>%1 불러옴
%4에서 %2 에포크, %3 스텝 학습
%5
테스트 %6 %, 학습 %7 %</translation>
    </message>
    <message>
        <source>an unnamed data set</source>
        <translation>이름 없는 데이터셋</translation>
    </message>
    <message>
        <source>Reset gives the network fresh random weights.</source>
        <translation>초기화하면 네트워크에 새 무작위 가중치가 들어갑니다.</translation>
    </message>
    <message>
        <source>%1 The %2 steps trained since the weights were last saved are lost.

Go on?</source>
        <translation>%1 마지막으로 저장한 뒤 학습한 %2스텝을 잃습니다.

계속할까요?</translation>
    </message>
    <message>
        <source>These weights learned from %1; load it on the Network page to measure them.</source>
        <translation>이 가중치는 %1에서 학습했습니다. 측정하려면 네트워크 페이지에서 그 데이터셋을 불러오세요.</translation>
    </message>
    <message>
        <source>These weights learned from %1, but the data set is %2: the accuracy and the confusion matrix here do not measure them.</source>
        <translation>이 가중치는 %1에서 학습했지만 데이터셋은 %2입니다: 여기의 정확도와 혼동 행렬은 이 가중치를 측정하지 않습니다.</translation>
    </message>
    <message>
        <source>This model was trained on %1, but the data set is %2: its predictions and accuracy here would mean nothing.

Switch the data set to %1?</source>
        <translation>이 모델은 %1에서 학습했지만 데이터셋은 %2입니다: 여기서의 예측과 정확도는 의미가 없습니다.

데이터셋을 %1(으)로 바꿀까요?</translation>
    </message>
    <message>
        <source>This model takes %1 images in %2 classes, which the data set had not: it was set aside.

Load the model&apos;s data set, %3?</source>
        <translation>이 모델은 클래스 %2개의 %1 이미지를 받는데, 데이터셋은 그렇지 않아 따로 두었습니다.

모델의 데이터셋 %3을(를) 불러올까요?</translation>
    </message>
    <message>
        <source>Another data set</source>
        <translation>다른 데이터셋</translation>
    </message>
    <message>
        <source>Save model</source>
        <translation>모델 저장</translation>
    </message>
    <message>
        <source>ConvScope models (*.csm);;ONNX, for PyTorch and OpenCV (*.onnx)</source>
        <translation>ConvScope 모델 (*.csm);;ONNX, PyTorch와 OpenCV용 (*.onnx)</translation>
    </message>
    <message>
        <source>Save failed</source>
        <translation>저장 실패</translation>
    </message>
    <message>
        <source>Training: model exported as ONNX to %1</source>
        <translation>학습: 모델을 ONNX로 %1에 내보냈습니다</translation>
    </message>
    <message>
        <source>Training: model saved to %1</source>
        <translation>학습: 모델을 %1에 저장했습니다</translation>
    </message>
    <message>
        <source>Load model</source>
        <translation>모델 불러오기</translation>
    </message>
    <message>
        <source>Loading a model replaces the network&apos;s weights.</source>
        <translation>모델을 불러오면 네트워크의 가중치가 바뀝니다.</translation>
    </message>
    <message>
        <source>Models (*.csm *.onnx);;ConvScope models (*.csm);;ONNX models from PyTorch (*.onnx)</source>
        <translation>모델 (*.csm *.onnx);;ConvScope 모델 (*.csm);;PyTorch의 ONNX 모델 (*.onnx)</translation>
    </message>
    <message>
        <source>Load failed</source>
        <translation>불러오기 실패</translation>
    </message>
    <message>
        <source>Export plots</source>
        <translation>그래프 내보내기</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF (*.pdf)</source>
        <translation>PNG 이미지 (*.png);;PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>내보내기 실패</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>%1을(를) 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>Save log</source>
        <translation>기록 저장</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>convscope::ui::TrainingPlots</name>
    <message>
        <source>loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>accuracy %</source>
        <translation>정확도 %</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>training step</source>
        <translation>학습 스텝</translation>
    </message>
    <message>
        <source>loss of each batch</source>
        <translation>배치마다의 손실</translation>
    </message>
    <message>
        <source>smoothed</source>
        <translation>평활</translation>
    </message>
    <message>
        <source>train (epoch)</source>
        <translation>학습 (에포크)</translation>
    </message>
    <message>
        <source>test</source>
        <translation>테스트</translation>
    </message>
    <message>
        <source>Wheel: zoom · drag: pan · double-click: follow the whole run</source>
        <translation>휠: 확대 · 끌기: 이동 · 더블클릭: 전체 실행 따라가기</translation>
    </message>
</context>
<context>
    <name>convscope::ui::TrainingSession</name>
    <message>
        <source>stop training before changing the network</source>
        <translation>네트워크를 바꾸기 전에 학습을 멈추세요</translation>
    </message>
    <message>
        <source>the network does not fit the %1 images in %2 classes: %3</source>
        <translation>네트워크가 클래스 %2개의 %1 이미지에 맞지 않습니다: %3</translation>
    </message>
    <message>
        <source>choose a data set on the Network page</source>
        <translation>네트워크 페이지에서 데이터셋을 고르세요</translation>
    </message>
    <message>
        <source>stop training before loading a model</source>
        <translation>모델을 불러오기 전에 학습을 멈추세요</translation>
    </message>
    <message>
        <source>%1: %2 parameters, more than the %3 of a network trained here: the Inspect page shows it</source>
        <translation>%1: 파라미터 %2개로, 여기서 학습하는 네트워크의 최대 %3개보다 많습니다: 검사 페이지에서 볼 수 있습니다</translation>
    </message>
</context>
</TS>
