// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcpsim/render/ladderexport.h"

#include "tcpsim/render/appstyle.h"
#include "tcpsim/render/ladderlayout.h"
#include "tcpsim/render/ladderpainter.h"
#include "tcpsim/render/statediagrampainter.h"

#include "tcpsim/session/lessoncontroller.h"

#include <QBuffer>
#include <QFileInfo>
#include <QFontInfo>
#include <QGuiApplication>
#include <QImage>
#include <QImageWriter>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSvgGenerator>

#include <algorithm>
#include <cmath>

using namespace tcpsim;

namespace {

// The picture in ladder pixels: the ladder at the window's type size, the diagram beside it
// (below it in a PDF, on its own page).
constexpr double ladderWidth = 900;
constexpr double diagramWidth = 540;
constexpr double diagramHeight = 540;
constexpr double gap = 24;
constexpr double pdfResolution = 96; // painter units on a PDF page are ladder pixels
constexpr double pdfMarginMm = 12;
// QImage allocates width*height*4 bytes: beyond this, PNG refuses with a message.
constexpr qint64 maxPngPixels = 256LL * 1024 * 1024;

// Everything the painters need, laid out once.
class Scene
{
public:
    Scene(const LadderExport::Content &content, const LadderExport::Options &options)
        : m_font(AppStyle::withPixelSize(QGuiApplication::font(), AppStyle::basePixelSize))
        , m_palette(AppStyle::lightPalette())
        , m_layout(content.events, content.boundaries, options.numberStyle)
        , m_content(content)
        , m_diagramIncluded(options.diagram == LadderExport::Diagram::Include)
    {
        // The family the platform resolved ("DejaVu Sans", not the alias "Sans Serif"), so an SVG
        // names a real font.
        m_font.setFamily(QFontInfo(m_font).family());
        m_layout.setTimeScale(options.timeScale);
        m_layout.place(m_font, ladderWidth);
        m_diagram.setFont(m_font);
        m_diagram.setPalette(m_palette);
        for (Side side : {Side::Client, Side::Server}) {
            const auto last = m_layout.lastRevealedTransition(side, LadderLayout::finished);
            m_diagram.setState(side, last ? last->to : TcpState::Closed,
                               last ? std::optional<TcpState>(last->from) : std::nullopt);
        }
        QList<StateDiagramPainter::Taken> taken;
        for (const LadderLayout::Transition &transition : m_layout.revealedNewestTransitions(LadderLayout::finished))
            taken.append({transition.side, transition.from, transition.to, transition.timer, transition.rule});
        m_diagram.setTaken(taken);
        m_titleFont = AppStyle::boldFont(AppStyle::withPixelSize(m_font, AppStyle::basePixelSize + 5));
        m_titleHeight = std::ceil(QFontMetricsF(m_titleFont).height() * 1.6);
    }

    const LadderLayout &layout() const { return m_layout; }
    bool diagramIncluded() const { return m_diagramIncluded; }
    int step() const { return m_content.step; }
    double titleHeight() const { return m_titleHeight; }
    double ladderHeight() const { return std::ceil(m_layout.contentHeight()); }
    // SVG and PNG: one picture, the diagram to the right of the ladder.
    QSizeF pictureSize() const
    {
        const double width = ladderWidth + (m_diagramIncluded ? gap + diagramWidth : 0);
        const double height = m_titleHeight + std::max(ladderHeight(), m_diagramIncluded ? diagramHeight : 0.0);
        return {width, height};
    }

    QString heading() const
    {
        const QString steps = LadderExport::tr("Step %1 of %2").arg(m_content.step).arg(m_content.stepCount);
        return m_content.title.isEmpty() ? steps : LadderExport::tr("%1 — %2").arg(m_content.title, steps);
    }

    void paintTitle(QPainter &painter, const QString &text, double width) const
    {
        painter.setFont(m_titleFont);
        painter.setPen(m_palette.color(QPalette::Text));
        painter.drawText(QRectF(8, 0, width - 16, m_titleHeight), Qt::AlignLeft | Qt::AlignVCenter,
                         QFontMetricsF(m_titleFont).elidedText(text, Qt::ElideRight, width - 16));
    }

    // The ladder's content rows [top, bottom] drawn from `y` down, under its header.
    void paintLadder(QPainter &painter, double y, double top, double bottom) const
    {
        LadderPainter ladder(m_layout, m_font, m_palette);
        ladder.setPorts(m_content.config.clientPort, m_content.config.serverPort);
        const double header = m_layout.geometry().header;
        painter.save();
        painter.translate(0, y + header - top);
        painter.setClipRect(QRectF(0, top, ladderWidth, bottom - top));
        ladder.paintContent(painter, top, bottom);
        painter.restore();
        painter.save();
        painter.translate(0, y);
        ladder.paintHeader(painter);
        painter.restore();
    }

    void paintDiagram(QPainter &painter, const QPointF &at, const QSizeF &size) const
    {
        painter.save();
        painter.translate(at);
        m_diagram.paint(painter, size);
        painter.restore();
    }

    // SVG and PNG: the title, the ladder and the diagram beside it.
    void paintPicture(QPainter &painter) const
    {
        const QSizeF size = pictureSize();
        painter.fillRect(QRectF(QPointF(0, 0), size), m_palette.color(QPalette::Base));
        paintTitle(painter, heading(), size.width());
        paintLadder(painter, m_titleHeight, m_layout.geometry().header, ladderHeight());
        if (m_diagramIncluded)
            paintDiagram(painter, QPointF(ladderWidth + gap, m_titleHeight), QSizeF(diagramWidth, diagramHeight));
    }

    // Content y where a page may end: the top of each step's band (never inside a step), so a
    // page holds whole steps unless one step is taller than a page.
    std::vector<double> stepTops() const
    {
        std::vector<double> tops;
        const auto &moments = m_layout.moments();
        const double row = m_layout.geometry().row;
        for (std::size_t i = 0; i < moments.size(); ++i) {
            if (i == 0 || moments[i].step != moments[i - 1].step)
                tops.push_back(moments[i].y - row * 0.75);
        }
        return tops;
    }

private:
    QFont m_font;
    QFont m_titleFont;
    QPalette m_palette;
    LadderLayout m_layout;
    StateDiagramPainter m_diagram;
    const LadderExport::Content &m_content;
    bool m_diagramIncluded = true;
    double m_titleHeight = 0;
};

void prepare(QPainter &painter)
{
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
}

QString writeSvg(QSaveFile &file, const Scene &scene, const QString &title, LadderExport::Result &result)
{
    const QSize size = scene.pictureSize().toSize();
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setResolution(96); // so the width in mm a viewer reads is the picture's width in CSS px
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    svg.setTitle(title);
    svg.setDescription(LadderExport::tr("TCP ladder diagram exported by tcpsim"));
    QPainter painter;
    if (!painter.begin(&svg))
        return LadderExport::tr("cannot write SVG");
    prepare(painter);
    scene.paintPicture(painter);
    painter.end();
    // QSvgGenerator names one family; a viewer without it would fall back to its default
    // (often a serif): let it fall back to a sans-serif instead, as the ladder is drawn.
    static const QRegularExpression family(QStringLiteral("font-family=\"([^\"]*)\""));
    const QString text = QString::fromUtf8(buffer.data())
                             .replace(family, QStringLiteral("font-family=\"\\1, sans-serif\""));
    if (file.write(text.toUtf8()) < 0)
        return file.errorString();
    result.pageCount = 1;
    result.pixelSize = size;
    return {};
}

QString writePng(QSaveFile &file, const Scene &scene, int scale, LadderExport::Result &result)
{
    const QSize size = (scene.pictureSize() * scale).toSize();
    if (qint64(size.width()) * size.height() > maxPngPixels) {
        return LadderExport::tr("the picture would be %1 × %2 pixels, too large for a PNG; export up to an "
                                "earlier step, at a smaller scale, or as PDF")
            .arg(size.width())
            .arg(size.height());
    }
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    if (image.isNull())
        return LadderExport::tr("not enough memory for a %1 × %2 picture").arg(size.width()).arg(size.height());
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        prepare(painter);
        painter.scale(scale, scale);
        scene.paintPicture(painter);
    }
    QImageWriter writer(&file, "png");
    writer.setQuality(LadderExport::pngQuality);
    if (!writer.write(image))
        return writer.errorString();
    result.pageCount = 1;
    result.pixelSize = size;
    return {};
}

QString writePdf(QSaveFile &file, const Scene &scene, const QString &title, LadderExport::PageSize pageSize,
                 LadderExport::Result &result)
{
    QPdfWriter pdf(&file);
    pdf.setTitle(title);
    pdf.setCreator(QStringLiteral("tcpsim"));
    pdf.setResolution(static_cast<int>(pdfResolution));
    pdf.setPageLayout(QPageLayout(QPageSize(pageSize == LadderExport::PageSize::Letter ? QPageSize::Letter : QPageSize::A4),
                                  QPageLayout::Portrait,
                                  QMarginsF(pdfMarginMm, pdfMarginMm, pdfMarginMm, pdfMarginMm),
                                  QPageLayout::Millimeter));
    const QRectF page = pdf.pageLayout().paintRectPixels(static_cast<int>(pdfResolution));
    // The ladder fills the page's width; type shrinks with it (A4: to about 80 %).
    const double scale = std::min(1.0, page.width() / ladderWidth);
    const double pageHeight = page.height() / scale;
    const double header = scene.layout().geometry().header;
    const double rowsPerPage = pageHeight - scene.titleHeight() - header;

    QPainter painter;
    if (!painter.begin(&pdf))
        return LadderExport::tr("cannot write PDF");
    prepare(painter);
    painter.scale(scale, scale);

    const std::vector<double> tops = scene.stepTops();
    const double end = scene.ladderHeight();
    double top = header;
    int pages = 0;
    while (pages == 0 || top < end - 0.5) {
        double bottom = std::min(end, top + rowsPerPage);
        if (bottom < end) {
            // End the page at the last step that starts on it, if one does after `top`.
            const auto next = std::upper_bound(tops.begin(), tops.end(), bottom);
            if (next != tops.begin() && *(next - 1) > top + 1)
                bottom = *(next - 1);
        }
        if (pages > 0)
            pdf.newPage();
        ++pages;
        const QString heading = pages == 1 ? scene.heading()
                                           : LadderExport::tr("%1 (page %2)").arg(scene.heading()).arg(pages);
        scene.paintTitle(painter, heading, ladderWidth);
        scene.paintLadder(painter, scene.titleHeight(), top, bottom);
        top = bottom;
    }
    if (scene.diagramIncluded()) {
        pdf.newPage();
        ++pages;
        scene.paintTitle(painter, LadderExport::tr("State diagram (RFC 9293 Figure 5) after step %1").arg(scene.step()),
                         page.width() / scale);
        const double side = std::min(page.width() / scale, pageHeight - scene.titleHeight());
        scene.paintDiagram(painter, QPointF(0, scene.titleHeight()), QSizeF(page.width() / scale, side));
    }
    painter.end();
    result.pageCount = pages;
    return {};
}

} // namespace

std::optional<LadderExport::Format> LadderExport::formatFor(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("svg"))
        return Format::Svg;
    if (suffix == QLatin1String("pdf"))
        return Format::Pdf;
    if (suffix == QLatin1String("png"))
        return Format::Png;
    return std::nullopt;
}

LadderExport::Content LadderExport::contentOf(const Lesson &lesson, const SimulationConfig &config,
                                              std::optional<int> untilStep, const QString &title)
{
    LessonController controller;
    controller.setBaseConfig(config);
    controller.setLesson(lesson);
    const int last = untilStep ? std::clamp(*untilStep, 0, controller.stepCount()) : controller.stepCount();
    controller.goToStep(last);
    return contentOf(controller, title);
}

LadderExport::Content LadderExport::contentOf(const LessonController &controller, const QString &title)
{
    Content content;
    content.title = title;
    content.events = controller.simulation().events();
    content.boundaries = controller.eventBoundaries();
    content.config = controller.simulation().config();
    content.step = controller.currentStep();
    content.stepCount = controller.stepCount();
    return content;
}

LadderExport::Result LadderExport::write(const QString &path, const Content &content, const Options &options)
{
    Result result;
    const std::optional<Format> format = formatFor(path);
    if (!format) {
        result.error = tr("%1: unknown file type: the name must end in .svg, .pdf or .png").arg(path);
        return result;
    }
    if (options.scale < 1 || options.scale > maxScale) {
        result.error = tr("the scale must be 1 to %1").arg(maxScale);
        return result;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        result.error = tr("%1: cannot write: %2").arg(path, file.errorString());
        return result;
    }
    const Scene scene(content, options);
    const QString title = scene.heading();
    QString error;
    switch (*format) {
    case Format::Svg:
        error = writeSvg(file, scene, title, result);
        break;
    case Format::Pdf:
        error = writePdf(file, scene, title, options.pageSize, result);
        break;
    case Format::Png:
        error = writePng(file, scene, options.scale, result);
        break;
    }
    if (error.isEmpty() && !file.commit())
        error = file.errorString();
    if (!error.isEmpty()) {
        file.cancelWriting();
        result = Result();
        result.error = tr("%1: cannot write: %2").arg(path, error);
    }
    return result;
}
