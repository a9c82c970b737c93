#pragma once
// MPI for `drilltwin sweep` under mpirun: rank 0 plans and writes results.sqlite, every rank runs
// its share of the (point, replication) pairs and sends the results to rank 0.
//
// MPI is initialised only by `sweep`, and only when mpirun/srun started the process (so a plain
// `drilltwin run` never pays for MPI_Init). Only the thread that made the session calls MPI
// (MPI_THREAD_FUNNELED); the replications run on oneTBB workers.

#include <string>

namespace dt::cli {

/// Whether a launcher (OpenMPI's mpirun, MPICH/Hydra, Slurm's srun with PMI/PMIx) started us.
[[nodiscard]] bool launched_by_mpirun();
/// Whether this build can use MPI (CMake option DRILLTWIN_MPI).
[[nodiscard]] bool mpi_available();

class MpiSession {
 public:
  /// MPI_Init_thread. Throws std::runtime_error when the build has no MPI.
  MpiSession();
  /// MPI_Barrier on MPI_COMM_WORLD.
  void barrier() const;
  /// MPI_Finalize.
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  [[nodiscard]] int rank() const { return rank_; }
  [[nodiscard]] int size() const { return size_; }

  /// Rank 0's `bytes` to every rank.
  void broadcast(std::string& bytes) const;
  /// A message to rank 0.
  void send_to_root(const std::string& bytes, int tag) const;
  /// Rank 0: takes one waiting message, if any. `source` and `tag` say who sent what.
  bool try_receive(std::string& bytes, int& source, int& tag) const;
  /// Ends every rank of the job (after an error that only some ranks saw).
  [[noreturn]] void abort(int status) const;

 private:
  int rank_ = 0;
  int size_ = 1;
};

}  // namespace dt::cli
