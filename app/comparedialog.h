// SPDX-License-Identifier: GPL-3.0-or-later
// Lesson → Compare textbook and Linux…: the lesson's application calls run under the RFC 9293
// profile and under the Linux profile (core/session's ProfileComparison), the two ladders side
// by side painted by core/render's LadderPainter (RFC 9293 left, Linux right), a numbered marker
// in each ladder where they part, and the numbered sentences beside them. It follows the main
// window's number style and language; the lesson in the window is not touched.
#pragma once

#include "tcpsim/session/numberformat.h"
#include "tcpsim/session/profilecomparison.h"

#include <QDialog>

#include <array>

class CompareLadder;
class QLabel;
class QScrollArea;
class QSplitter;
class QTextBrowser;

class CompareDialog : public QDialog
{
    Q_OBJECT

public:
    CompareDialog(const tcpsim::Lesson &lesson, const tcpsim::SimulationConfig &config, NumberStyle numberStyle,
                  QWidget *parent = nullptr);
    ~CompareDialog() override;

    const ProfileComparison &comparison() const { return m_comparison; }
    // What the dialog shows, for the tests: the sentences in order, each ladder's arrows and
    // the content y of each marker (one per divergence, in the divergences' order).
    QStringList sentences() const;
    int arrowCount(tcpsim::Profile profile) const;
    QList<double> markerPositions(tcpsim::Profile profile) const;
    QString ladderTitle(tcpsim::Profile profile) const;
    // Scrolls the ladders to divergence `index`'s markers (a click on its step in the list).
    void showDivergence(int index);
    int scrollPosition() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void layoutLadders();
    void fillSentences();

    ProfileComparison m_comparison;
    QString m_lessonTitle;
    QLabel *m_intro = nullptr;
    QScrollArea *m_scroll = nullptr;
    QSplitter *m_splitter = nullptr;
    QWidget *m_pair = nullptr;
    std::array<CompareLadder *, 2> m_ladders{nullptr, nullptr};
    QTextBrowser *m_sentences = nullptr;
};
