// SPDX-License-Identifier: GPL-3.0-or-later
// The transition log: one row per state change, from the model and from the live pair (sources
// "Qt" and "kernel", and "live" for what the pair did or could not do), so the three can be read
// side by side, ordered by step, then the rows of connections from outside the lesson. A live
// row whose kernel state differs from the model's at the same step carries a warning that
// explains why.
#pragma once

#include "tcpsim/model/event.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>

#include <optional>
#include <span>
#include <vector>

struct TransitionLogRow {
    int step = 0;                 // lesson step (0 = not from a step)
    quint64 timeMs = 0;           // virtual (model) or elapsed (live) time in ms
    std::optional<tcpsim::Side> side; // colours the endpoint cell
    QString endpoint;             // "client", "server", "client socket" ...
    QString from;
    QString to;
    QString cause;
    QString source;               // "model", "Qt", "kernel", "live" (shown translated)
    QString qualifier;            // live: "observed", "inferred", "still" (shown after the state)
    QString detail;               // live: the full sentence, tuple and descriptor (tooltip)
    QString warning;              // non-empty: the kernel differs from the model here, and why
    bool live = false;            // from the live pair (replaced together by setLiveRows)
    // A connection from outside the lesson (nc, a class's client.py): not a step's doing, so
    // under its own heading after the lesson's steps, its Step cell "outside".
    bool outside = false;
};

class TransitionLogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { StepColumn, TimeColumn, EndpointColumn, TransitionColumn, CauseColumn, SourceColumn,
                  ColumnCount };
    Q_ENUM(Column)
    // What a view needs to style a row (colours and fonts are the view's business: app/).
    enum Role {
        StepRole = Qt::UserRole, // int: the row's lesson step
        SideRole,                // int(tcpsim::Side), only for rows of one side
        DiffersRole,             // bool: the kernel differs from the model here
        LiveRole,                // bool: a row from the live pair
        OutsideRole,             // bool: a connection from outside the lesson
    };
    Q_ENUM(Role)

    explicit TransitionLogModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void appendRow(const TransitionLogRow &row);
    void appendRows(const QList<TransitionLogRow> &rows);
    // Replaces the rows of one source (the model's rows are rebuilt on every step and Back).
    void setRows(const QString &source, const QList<TransitionLogRow> &rows);
    // Replaces every live row (any source). Rows stay ordered by step, the model's first.
    void setLiveRows(const QList<TransitionLogRow> &rows);
    void clear();
    // Keeps the model's rows in step with the lesson, in time proportional to what changed (a
    // long lesson must not cost more per step): the rows of events not seen yet are inserted
    // after their step's model rows, and after Back the model's rows of later steps are removed
    // from the end. `boundaries` as LessonController::eventBoundaries(): [s] = events after s
    // steps. The model's rows must come only from here; resetModelRows() when the lesson changes.
    void syncModelRows(const std::vector<tcpsim::Event> &events, std::span<const std::size_t> boundaries);
    // Removes every model row: the next syncModelRows() rebuilds them (a new or edited lesson).
    void resetModelRows();
    const TransitionLogRow &row(int index) const { return m_rows[static_cast<std::size_t>(index)]; }

    QString toCsv() const;
    // Written atomically (QSaveFile). False with `errorString` set on failure.
    bool saveCsv(const QString &fileName, QString *errorString) const;

    // The model's rows for the transitions among `events`, steps from `boundaries`.
    static QList<TransitionLogRow> rowsFromEvents(const std::vector<tcpsim::Event> &events,
                                                  const std::vector<std::size_t> &boundaries);
    static QString modelSource() { return QStringLiteral("model"); }
    static QString qtSource() { return QStringLiteral("Qt"); }
    static QString kernelSource() { return QStringLiteral("kernel"); }
    static QString liveSource() { return QStringLiteral("live"); }
    // The source as the window shows it ("kernel" -> tr("kernel")).
    static QString sourceText(const QString &source);

private:
    template<typename Keep>
    void replaceRows(Keep keep, const QList<TransitionLogRow> &rows);

    void removeModelRowsAfter(int step);
    void insertModelRows(const QList<TransitionLogRow> &rows);
    static TransitionLogRow rowFor(const tcpsim::Event &event, int step);

    std::vector<TransitionLogRow> m_rows;
    std::size_t m_modelEventCount = 0; // events syncModelRows() has turned into rows
};

// One short cause for a transition: "rcv SYN+ACK", "close()", "retransmission timer".
QString transitionCause(const tcpsim::Event &event);
