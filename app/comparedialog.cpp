// SPDX-License-Identifier: GPL-3.0-or-later
#include "comparedialog.h"

#include "appstyle.h"

#include "tcpsim/render/ladderlayout.h"
#include "tcpsim/render/ladderpainter.h"
#include "tcpsim/session/explanation.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QFontMetricsF>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

#include <cmath>

using namespace tcpsim;

// One profile's ladder: a title strip, then the LadderPainter's header and rows, and a numbered
// marker at each divergence.
class CompareLadder : public QWidget
{
public:
    CompareLadder(const ProfileComparison &comparison, Profile profile, NumberStyle style,
                  const SimulationConfig &config, QWidget *parent)
        : QWidget(parent), m_comparison(comparison), m_profile(profile),
          m_layout(comparison.run(profile).events, comparison.run(profile).boundaries, style),
          m_clientPort(config.clientPort), m_serverPort(config.serverPort)
    {
        setFont(AppStyle::withPixelSize(font(), AppStyle::basePixelSize));
    }

    QString title() const
    {
        return m_profile == Profile::Linux ? CompareDialog::tr("Linux (the kernel on loopback)")
                                           : CompareDialog::tr("RFC 9293 (the textbook)");
    }
    int arrowCount() const { return static_cast<int>(m_layout.arrows().size()); }

    void setLadderWidth(int width)
    {
        m_layout.place(font(), width);
        m_markers.clear();
        const auto index = static_cast<std::size_t>(ProfileComparison::profileIndex(m_profile));
        for (const ProfileComparison::Divergence &divergence : m_comparison.divergences())
            m_markers.append(markerY(divergence.segmentId[index], divergence.markStep[index]));
        setFixedSize(width, static_cast<int>(std::ceil(titleHeight() + m_layout.contentHeight())));
        update();
    }
    QList<double> markers() const { return m_markers; }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.fillRect(rect(), palette().base());
        const double top = titleHeight();
        QFont bold = AppStyle::boldFont(AppStyle::withPixelSize(font(), AppStyle::basePixelSize + 3));
        painter.setFont(bold);
        painter.setPen(palette().text().color());
        painter.drawText(QRectF(0, 0, width(), top), Qt::AlignCenter, title());
        painter.save();
        painter.translate(0, top);
        // The markers: a dashed line across the ladder, under its arrows and labels, and the
        // divergence's number over them.
        const QColor red = AppStyle::errorColor(palette());
        QFont numberFont = AppStyle::boldFont(font());
        const double radius = QFontMetricsF(numberFont).height() * 0.7;
        painter.setPen(QPen(red, 1.5, Qt::DashLine));
        for (double y : std::as_const(m_markers))
            painter.drawLine(QPointF(radius * 2 + 2, y), QPointF(width() - 4, y));
        LadderPainter ladder(m_layout, font(), palette());
        ladder.setPorts(m_clientPort, m_serverPort);
        ladder.paintContent(painter, 0, m_layout.contentHeight());
        ladder.paintHeader(painter);
        painter.setFont(numberFont);
        for (int i = 0; i < m_markers.size(); ++i) {
            const double y = m_markers[i];
            painter.setPen(Qt::NoPen);
            painter.setBrush(red);
            const QRectF circle(2, y - radius, radius * 2, radius * 2);
            painter.drawEllipse(circle);
            painter.setPen(Qt::white);
            painter.drawText(circle, Qt::AlignCenter, QString::number(i + 1));
        }
        painter.restore();
    }

private:
    double titleHeight() const
    {
        return std::ceil(QFontMetricsF(AppStyle::withPixelSize(font(), AppStyle::basePixelSize + 3)).height() * 1.8);
    }
    // Where a divergence is marked: the segment's send, else the first row of the step.
    double markerY(std::uint64_t segmentId, int step) const
    {
        const auto &moments = m_layout.moments();
        if (segmentId != 0) {
            const int arrow = m_layout.arrowIndexForSegmentId(segmentId);
            if (arrow >= 0) {
                const int moment = m_layout.arrows()[static_cast<std::size_t>(arrow)].sendMoment;
                if (moment >= 0 && moment < static_cast<int>(moments.size()))
                    return moments[static_cast<std::size_t>(moment)].y;
            }
        }
        for (const LadderLayout::Moment &moment : moments) {
            if (moment.step >= step)
                return moment.y;
        }
        return moments.empty() ? m_layout.geometry().header : moments.back().y;
    }

    const ProfileComparison &m_comparison;
    Profile m_profile;
    LadderLayout m_layout;
    quint16 m_clientPort = 0;
    quint16 m_serverPort = 0;
    QList<double> m_markers;
};

CompareDialog::CompareDialog(const Lesson &lesson, const SimulationConfig &config, NumberStyle numberStyle,
                             QWidget *parent)
    : QDialog(parent), m_comparison(ProfileComparison::compare(lesson, config)),
      m_lessonTitle(QString::fromStdString(QLocale().language() == QLocale::Chinese && !lesson.titleZh.empty()
                                               ? lesson.titleZh
                                               : lesson.title))
{
    setObjectName(QStringLiteral("compareDialog"));
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);

    m_pair = new QWidget;
    auto *pairLayout = new QHBoxLayout(m_pair);
    pairLayout->setContentsMargins(0, 0, 0, 0);
    pairLayout->setSpacing(8);
    for (Profile profile : {Profile::Rfc9293, Profile::Linux}) {
        auto *ladder = new CompareLadder(m_comparison, profile, numberStyle, config, m_pair);
        m_ladders[static_cast<std::size_t>(ProfileComparison::profileIndex(profile))] = ladder;
        pairLayout->addWidget(ladder, 0, Qt::AlignTop);
    }
    m_scroll = new QScrollArea;
    m_scroll->setWidget(m_pair);
    m_scroll->setWidgetResizable(false);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    m_sentences = new QTextBrowser;
    m_sentences->setObjectName(QStringLiteral("compareSentences"));
    m_sentences->setOpenLinks(false);
    m_sentences->setFont(AppStyle::withPixelSize(font(), AppStyle::basePixelSize));
    // A click on a sentence's step scrolls the ladders to its markers.
    connect(m_sentences, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        bool ok = false;
        const int number = url.fragment().mid(1).toInt(&ok);
        if (ok)
            showDivergence(number - 1);
    });

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_scroll);
    splitter->addWidget(m_sentences);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 0);
    splitter->setChildrenCollapsible(false);
    m_splitter = splitter;
    // The ladders follow the width their scroll area gets (the dialog's, or the splitter's).
    m_scroll->viewport()->installEventFilter(this);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);

    fillSentences();
    // Readable at 1280×720: the whole width, less the window frame.
    resize(parent ? QSize(std::min(1240, std::max(900, parent->width() - 40)),
                          std::min(680, std::max(560, parent->height() - 40)))
                  : QSize(1240, 680));
    // The ladders get the whole width (each half of it) and most of the height; the sentences
    // the rest below them.
    m_splitter->setSizes({height() * 3 / 4, height() / 4});
    layoutLadders();
}

CompareDialog::~CompareDialog() = default;

void CompareDialog::fillSentences()
{
    setWindowTitle(tr("Textbook and Linux: %1").arg(m_lessonTitle));
    m_intro->setText(tr("The lesson's calls under RFC 9293 (left) and under Linux (right), the network let "
                        "finish in both. Each red number marks where the two part; the sentences say why."));
    QString html = QStringLiteral("<ol>");
    int number = 0;
    for (const ProfileComparison::Divergence &divergence : m_comparison.divergences()) {
        const ProfileComparison::Block &block = m_comparison.blocks()[static_cast<std::size_t>(divergence.block)];
        QString where = divergence.step > 0 ? tr("Step %1").arg(divergence.step) : tr("Start");
        if (!block.call.isEmpty())
            where += QStringLiteral(" (%1)").arg(block.call.toHtmlEscaped());
        ++number;
        html += QStringLiteral("<li style=\"margin-bottom: 8px\"><a href=\"#d%1\"><b>%2</b></a>: %3")
                    .arg(number)
                    .arg(where, divergence.sentence.toHtmlEscaped());
        const QString reference = Explanation::ruleReference(divergence.rule);
        if (divergence.rule != Rule::None && !reference.isEmpty())
            html += QStringLiteral(" <i>[%1]</i>").arg(reference.toHtmlEscaped());
        html += QStringLiteral("</li>");
    }
    html += QStringLiteral("</ol>");
    if (m_comparison.divergences().empty())
        html = QStringLiteral("<p>%1</p>").arg(tr("Both profiles send the same segments in this lesson.").toHtmlEscaped());
    html += QStringLiteral("<p>%1</p>")
                .arg(tr("RFC 9293: %1 segments. Linux: %2 segments.")
                         .arg(m_comparison.segmentCount(Profile::Rfc9293))
                         .arg(m_comparison.segmentCount(Profile::Linux))
                         .toHtmlEscaped());
    m_sentences->setHtml(html);
}

void CompareDialog::layoutLadders()
{
    const int spacing = m_pair->layout()->spacing();
    const int width = std::max(280, (m_scroll->viewport()->width() - spacing) / 2);
    for (CompareLadder *ladder : m_ladders)
        ladder->setLadderWidth(width);
    m_pair->adjustSize();
}

void CompareDialog::showDivergence(int index)
{
    double top = -1;
    for (CompareLadder *ladder : m_ladders) {
        const QList<double> markers = ladder->markers();
        if (index >= 0 && index < markers.size())
            top = top < 0 ? markers[index] : std::min(top, markers[index]);
    }
    if (top >= 0)
        m_scroll->verticalScrollBar()->setValue(static_cast<int>(top) - m_scroll->viewport()->height() / 4);
}

bool CompareDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_scroll->viewport() && event->type() == QEvent::Resize)
        layoutLadders();
    return QDialog::eventFilter(watched, event);
}

QStringList CompareDialog::sentences() const
{
    QStringList list;
    for (const ProfileComparison::Divergence &divergence : m_comparison.divergences())
        list << divergence.sentence;
    return list;
}

int CompareDialog::arrowCount(Profile profile) const
{
    return m_ladders[static_cast<std::size_t>(ProfileComparison::profileIndex(profile))]->arrowCount();
}

QList<double> CompareDialog::markerPositions(Profile profile) const
{
    return m_ladders[static_cast<std::size_t>(ProfileComparison::profileIndex(profile))]->markers();
}

QString CompareDialog::ladderTitle(Profile profile) const
{
    return m_ladders[static_cast<std::size_t>(ProfileComparison::profileIndex(profile))]->title();
}

int CompareDialog::scrollPosition() const
{
    return m_scroll->verticalScrollBar()->value();
}
